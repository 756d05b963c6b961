package tencent_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/camkit/camkit/cam/tencent"
)

var errorType = reflect.TypeFor[error]()

// TestZeroClient calls every method of the zero Client and of a nil *Client
// with zero arguments: none panics, and every method that can fail says New
// is required.
func TestZeroClient(t *testing.T) {
	clients := map[string]*tencent.Client{"zero": {}, "nil": nil}
	typ := reflect.TypeFor[*tencent.Client]()
	errorMethods := 0
	for name, c := range clients {
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			if name == "nil" && (m.Name == "String" || m.Name == "GoString" || m.Name == "Format") {
				continue // value-receiver printing methods; fmt handles a nil *Client itself (below)
			}
			if m.Name == "Format" {
				continue // needs an fmt.State: exercised through fmt below
			}
			t.Run(name+"/"+m.Name, func(t *testing.T) {
				args := []reflect.Value{reflect.ValueOf(c)}
				params := m.Type.NumIn()
				if m.Type.IsVariadic() {
					params-- // call with no variadic arguments
				}
				for p := 1; p < params; p++ {
					in := m.Type.In(p)
					if in == reflect.TypeFor[context.Context]() {
						args = append(args, reflect.ValueOf(context.Background()))
						continue
					}
					args = append(args, reflect.Zero(in))
				}
				out := m.Func.Call(args) // a panic fails the test
				last := m.Type.NumOut() - 1
				if last < 0 || m.Type.Out(last) != errorType {
					return
				}
				if name == "zero" {
					errorMethods++
				}
				err, _ := out[last].Interface().(error)
				if !errors.Is(err, tencent.ErrZeroClient) || !strings.Contains(err.Error(), "New") ||
					!strings.HasPrefix(err.Error(), "tencent: ") {
					t.Errorf("error %v, want one matching tencent.ErrZeroClient that says New is required", err)
				}
			})
		}
	}
	if errorMethods < 40 {
		t.Errorf("only %d methods returning an error were called; the reflection missed some", errorMethods)
	}
	for _, c := range clients {
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			_ = fmt.Sprintf(format, c) // must not panic
		}
	}
}
