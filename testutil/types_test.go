package testutil_test

import (
	"encoding/json"
	"testing"

	"github.com/camkit/camkit/testutil"
)

func TestClosedSetsRoundTrip(t *testing.T) {
	for _, e := range []testutil.Expect{testutil.ExpectAllow, testutil.ExpectDeny, testutil.ExpectExplicitDeny} {
		text, err := e.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back testutil.Expect
		if err := back.UnmarshalText(text); err != nil || back != e || e.String() != string(text) {
			t.Errorf("%v: text %q back %v err %v", e, text, back, err)
		}
	}
	if _, err := testutil.Expect(0).MarshalText(); err == nil {
		t.Error("the zero Expect marshalled")
	}
	if _, err := testutil.ParseExpect("allowed"); err == nil {
		t.Error(`ParseExpect("allowed") succeeded`)
	}
	for _, k := range []testutil.Kind{testutil.KindRole, testutil.KindUser} {
		text, _ := k.MarshalText()
		var back testutil.Kind
		if err := back.UnmarshalText(text); err != nil || back != k {
			t.Errorf("%v: back %v err %v", k, back, err)
		}
	}
	var k testutil.Kind
	if err := k.UnmarshalText([]byte("group")); err == nil {
		t.Error(`Kind "group" accepted`)
	}
	for f := testutil.FailureWrongOutcome; f <= testutil.FailureInvalidCase; f++ {
		text, err := f.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back testutil.FailureKind
		if err := back.UnmarshalText(text); err != nil || back != f || f.String() != string(text) {
			t.Errorf("%v: back %v err %v", f, back, err)
		}
	}
	if s := testutil.FailureKind(99).String(); s != "FailureKind(99)" {
		t.Errorf("invalid kind prints %q", s)
	}
}

func TestCaseJSON(t *testing.T) {
	c := testutil.Case{Kind: testutil.KindUser, Subject: "alice", Action: "cvm:StopInstances", Resource: "*",
		Expect: testutil.ExpectExplicitDeny, Context: map[string][]string{"qcs:ip": {"10.0.0.1"}}}
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back testutil.Case
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.Kind != c.Kind || back.Expect != c.Expect || back.Context["qcs:ip"][0] != "10.0.0.1" || back.Name() != "alice/cvm:StopInstances/*" {
		t.Errorf("round trip %s gave %+v", data, back)
	}
}

func TestOptionsLayer(t *testing.T) {
	h := demoHarness(t, testutil.BaseContext("qcs:ip", "10.20.3.4"))
	prod := h.Role("DevOps-Deploy-Prod")
	res := "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-prod1"
	// The base context supplies the office IP ...
	prod.Allows(t, "cvm:StartInstances", res, testutil.WithResourceTag("env", "prod"))
	// ... an option replaces it, and WithContext with no values removes it.
	prod.Denies(t, "cvm:StartInstances", res, testutil.WithIP("203.0.113.1"), testutil.WithResourceTag("env", "prod"))
	prod.Denies(t, "cvm:StartInstances", res, testutil.WithContext("qcs:ip"), testutil.WithResourceTag("env", "prod"))
	// Several tags add up.
	prod.Allows(t, "cvm:StartInstances", res, testutil.WithResourceTag("team", "web"), testutil.WithResourceTag("env", "prod"))
	if _, err := testutil.FromSnapshot(demoSnapshot(t), testutil.BaseContext("qcs:ip")); err == nil {
		t.Error("BaseContext without values accepted")
	}
}
