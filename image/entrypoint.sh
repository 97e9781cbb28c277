#!/bin/sh
# Entrypoint of the image, with the behaviour of registry:3's:
#   IMAGE /path/config.yml          serves that file
#   IMAGE serve|garbage-collect|help|doctor ...   runs the registry subcommand
#   IMAGE --flag ...                passes flags to the registry
#   IMAGE anything else             is executed as given
set -e

case "$1" in
	*.yaml | *.yml) set -- registry serve "$@" ;;
	serve | garbage-collect | help | doctor | -*) set -- registry "$@" ;;
esac

exec "$@"
