module github.com/docker/go-events

go 1.13

require github.com/sirupsen/logrus v1.9.3
