// Package roletests is a permission-test suite to copy: it shows how a team
// proves, with go test, what each of its roles can and cannot do. It has no
// code of its own; everything is in the _test.go files.
//
//   - catalog_test.go tests the standard role catalogue (roles.Standard) the
//     way a team tests its own catalogue before applying it: every documented
//     Can and Cannot and every tier (testutil.VerifyCatalog), the IAM guide's
//     smoke test per role (safe read, controlled write, forbidden action),
//     and the team's own extra expectations as a parallel matrix.
//   - snapshot_test.go tests what an account really holds, from a snapshot:
//     here the fake demo account (camfake.Demo) loaded with cam.Load; in
//     real use, a snapshot saved by a nightly job (cam.ReadSnapshot) or read
//     live with the cam/tencent adapter. It runs the security team's
//     expectation file (testdata/expectations.yaml) and asserts who may
//     assume which role.
//   - main_test.go prints the statements no expectation exercised after the
//     run: statements nobody tests are where excess privilege hides.
//
// Run it with `go test ./examples/role-tests/` (add -v to see the coverage
// report and the warnings about context a request did not supply). It needs
// no credentials. Reading a live account instead needs the read-only CAM
// permissions cam.Load documents (cam:List*, cam:Get*, cam:Describe*).
package roletests
