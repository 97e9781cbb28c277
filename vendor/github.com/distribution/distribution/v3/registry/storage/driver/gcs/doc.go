// Package gcs implements the Google Cloud Storage driver backend.
package gcs
