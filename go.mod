module github.com/camkit/camkit

go 1.26.0

require (
	golang.org/x/sync v0.25.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)
