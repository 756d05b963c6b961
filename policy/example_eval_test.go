package policy_test

import (
	"fmt"

	"github.com/camkit/camkit/policy"
)

func ExampleCompile() {
	readOnly := policy.New(policy.Allow("cvm:Describe*").On("*"))
	e, err := policy.Compile(readOnly)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Evaluate(policy.Request{Action: "cvm:DescribeInstances", Resource: "*"}).Allowed())
	fmt.Println(e.Evaluate(policy.Request{Action: "cvm:RunInstances", Resource: "*"}).Allowed())

	// Errors name the document and the place in it.
	_, err = policy.Compile(readOnly, policy.New(policy.Allow("cvm:Run Instances").On("*")))
	fmt.Println(err)
	// Output:
	// true
	// false
	// policy: document[1]: statement[0].action[0]: action "cvm:Run Instances": invalid character ' ' in API name
}

func ExampleEvaluator_Evaluate() {
	deploy := policy.New(
		policy.Allow("cvm:RunInstances", "cvm:Describe*").
			On("qcs::cvm:ap-guangzhou:uin/100000000001:instance/*").
			When(policy.IPEqual(policy.KeyIP, "10.0.0.0/8")),
	)
	guardrails := policy.New(policy.Deny("cvm:TerminateInstances").On("*"))
	e, err := policy.CompileNamed(
		policy.Named{Name: "DevOps-Deploy", Doc: deploy},
		policy.Named{Name: "guardrails", Doc: guardrails},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	instance := "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1"
	office := map[string][]string{policy.KeyIP: {"10.1.2.3"}}
	for _, action := range []string{"cvm:RunInstances", "cvm:TerminateInstances", "cvm:ResetInstancesPassword"} {
		d := e.Evaluate(policy.Request{Action: action, Resource: instance, Context: office})
		fmt.Printf("%s: %v\n", action, d.Outcome())
	}
	// Output:
	// cvm:RunInstances: allow
	// cvm:TerminateInstances: explicit deny
	// cvm:ResetInstancesPassword: implicit deny
}

func ExampleDecision_String() {
	e, err := policy.CompileNamed(
		policy.Named{Name: "guardrails", Doc: policy.New(policy.Deny("cvm:TerminateInstances").On("*"))},
		policy.Named{Name: "ro", Doc: policy.New(
			policy.Allow("cos:GetObject").On("*"),
			policy.Allow("cos:PutObject").On("qcs::cos:ap-guangzhou:uid/1250000000:logs-1250000000/*"),
		)},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Evaluate(policy.Request{
		Action:   "cvm:TerminateInstances",
		Resource: "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1",
	}))
	fmt.Println(e.Evaluate(policy.Request{
		Action:   "cos:PutObject",
		Resource: "qcs::cos:ap-guangzhou:uid/1250000000:data-1250000000/a.txt",
	}))
	// Output:
	// explicit deny: cvm:TerminateInstances on qcs::cvm:ap-guangzhou:uin/1:instance/ins-1 denied by policy "guardrails" statement[0]
	// implicit deny: no statement allows cos:PutObject on qcs::cos:ap-guangzhou:uid/1250000000:data-1250000000/a.txt; near miss: policy "ro" statement[1] (resource did not match: resource path "data-1250000000/a.txt" does not match "logs-1250000000/*")
}

func ExampleDecision_Assumptions() {
	// A policy variable the request does not supply: allow statements read it
	// as "anything" and say so (docs/semantics.md §5.7).
	self := policy.New(policy.Allow("cam:CreateAccessKey").On("qcs::cam::uin/100000000001:uin/${uin}"))
	e, err := policy.Compile(self)
	if err != nil {
		fmt.Println(err)
		return
	}
	d := e.Evaluate(policy.Request{Action: "cam:CreateAccessKey", Resource: "qcs::cam::uin/100000000001:uin/42"})
	fmt.Println(d.Allowed())
	for _, a := range d.Assumptions() {
		fmt.Println(a.Kind, a.Key)
		fmt.Println(a)
	}
	d = e.Evaluate(policy.Request{
		Action:   "cam:CreateAccessKey",
		Resource: "qcs::cam::uin/100000000001:uin/42",
		Context:  map[string][]string{policy.KeyUIN: {"7"}},
	})
	fmt.Println(d.Allowed(), len(d.Assumptions()))
	// Output:
	// true
	// missing_variable ${uin}
	// document[0] statement[0]: policy variable ${uin} is not in the request context; assumed the allow applies
	// false 0
}

func ExampleEvaluator_WithBoundary() {
	admin, err := policy.Compile(policy.New(policy.Allow("*").On("*")))
	if err != nil {
		fmt.Println(err)
		return
	}
	bounded, err := admin.WithNamedBoundary(policy.Named{
		Name: "cvm-only",
		Doc:  policy.New(policy.Allow("cvm:*").On("*")),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bounded.Evaluate(policy.Request{Action: "cvm:RunInstances", Resource: "*"}))
	fmt.Println(bounded.Evaluate(policy.Request{Action: "cam:AttachUserPolicy", Resource: "*"}))
	// Output:
	// allow: cvm:RunInstances on * allowed by document[0] statement[0], boundary "cvm-only" statement[0]
	// implicit deny: the permission boundary does not allow cam:AttachUserPolicy on * (identity policies allow it: document[0] statement[0])
}

func ExampleEvaluator_Evaluate_trustPolicy() {
	// Who may assume a role: a trust policy evaluated with the caller as the
	// request's principal (docs/semantics.md §5.8).
	trust := policy.New(policy.Statement{
		Effect:    policy.EffectAllow,
		Principal: &policy.Principal{QCS: []string{"qcs::cam::uin/100000000001:root"}},
		Action:    []string{policy.ActionAssumeRole},
	})
	e, err := policy.Compile(trust)
	if err != nil {
		fmt.Println(err)
		return
	}
	role := "qcs::cam::uin/100000000001:roleName/deploy"
	for _, who := range []string{"qcs::cam::uin/100000000001:uin/42", "qcs::cam::uin/200000000002:uin/42"} {
		d := e.Evaluate(policy.Request{Action: "sts:AssumeRole", Resource: role, Principal: who})
		fmt.Println(who, d.Allowed())
	}
	// Output:
	// qcs::cam::uin/100000000001:uin/42 true
	// qcs::cam::uin/200000000002:uin/42 false
}
