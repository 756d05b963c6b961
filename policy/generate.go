package policy

// The action catalogue (catalog_gen.go) is generated from Tencent Cloud's
// lists in ../shared/data, beside the module; see internal/gen/catalog.
//go:generate go run ../internal/gen/catalog -data ../../shared/data -out catalog_gen.go
