package tencent_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/camkit/camkit/cam"
)

// TestReaderActionNames calls every cam.Reader method against an endpoint
// that refuses every call, and checks that the call sent and the error
// returned name the action cam.ReaderActions gives for the method.
func TestReaderActionNames(t *testing.T) {
	t.Parallel()
	args := map[reflect.Type]reflect.Value{
		reflect.TypeFor[context.Context]():  reflect.ValueOf(context.Background()),
		reflect.TypeFor[uint64]():           reflect.ValueOf(uint64(100000000002)),
		reflect.TypeFor[string]():           reflect.ValueOf("Some-Role"),
		reflect.TypeFor[[]uint64]():         reflect.ValueOf([]uint64{100000000002}),
		reflect.TypeFor[[]string]():         reflect.ValueOf([]string{"AKIDexample"}),
		reflect.TypeFor[cam.PolicyScope]():  reflect.ValueOf(cam.ScopeAll),
		reflect.TypeFor[cam.AttachFilter](): reflect.ValueOf(cam.AttachAll),
	}
	reader := reflect.TypeFor[cam.Reader]()
	actions := cam.ReaderActions()
	for i := range reader.NumMethod() {
		m := reader.Method(i)
		want, ok := actions[m.Name]
		if !ok {
			t.Errorf("%s: cam.ReaderActions has no action for it", m.Name)
			continue
		}
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			// The account and the role are readable, except for Account and
			// GetRole themselves: RootAccessKeys reads the account before the
			// keys, RoleBoundary the role's ID before its boundary.
			c, s := newStub(t, func(action string, _ map[string]any) (map[string]any, string, string) {
				switch {
				case action == string(want):
				case action == string(cam.ActionGetUserAppID):
					return map[string]any{"Uin": "100000000001", "OwnerUin": "100000000001", "AppId": 1250000000}, "", ""
				case action == string(cam.ActionGetRole):
					return map[string]any{"RoleInfo": map[string]any{"RoleId": "4611686018427387905", "RoleName": "Some-Role"}}, "", ""
				}
				return nil, "ResourceNotFound", "refused"
			})
			in := []reflect.Value{}
			for p := range m.Type.NumIn() {
				v, ok := args[m.Type.In(p)]
				if !ok {
					t.Fatalf("no argument of type %v", m.Type.In(p))
				}
				in = append(in, v)
			}
			out := reflect.ValueOf(c).MethodByName(m.Name).Call(in)
			err, _ := out[len(out)-1].Interface().(error)
			var apiErr *cam.APIError
			if !errors.As(err, &apiErr) || apiErr.Action != string(want) {
				t.Errorf("error %v, want a *cam.APIError for %s", err, want)
			}
			if sent := s.actions(); !slices.Contains(sent, string(want)) {
				t.Errorf("sent %v, want %s among them", sent, want)
			}
		})
	}
}
