module github.com/camkit/camkit

go 1.26.0

require (
	github.com/stretchr/testify v1.12.1 // indirect
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam v1.3.42 // indirect
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit v1.3.40 // indirect
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common v1.3.211 // indirect
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts v1.1.11 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/sync v0.25.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)
