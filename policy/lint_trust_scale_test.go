package policy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// trustOfAccounts is a trust policy naming n accounts' roots in one statement.
func trustOfAccounts(n int) *policy.Document {
	qcs := make([]string, n)
	for i := range qcs {
		qcs[i] = fmt.Sprintf("qcs::cam::uin/%d:root", 100000000000+i)
	}
	return &policy.Document{Version: policy.Version, Statement: []policy.Statement{{
		Effect: policy.EffectAllow, Principal: &policy.Principal{QCS: qcs}, Action: []string{"name/sts:AssumeRole"},
	}}}
}

// A trust policy naming many accounts is judged in linear time, and its
// message names ten accounts and counts the rest.
func TestLintTrustManyAccounts(t *testing.T) {
	fs := policy.Lint(trustOfAccounts(20000))
	n := 0
	for _, f := range fs {
		if f.Rule == policy.RuleTrustOtherAccount {
			n++
			if !strings.Contains(f.Message, "names 20000 accounts") || !strings.Contains(f.Message, "and 19990 more") || len(f.Message) > 400 {
				t.Errorf("message %q", f.Message)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d trust.other-account findings, want 1", n)
	}
}

func BenchmarkLintTrustAccounts(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		doc := trustOfAccounts(n)
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				policy.Lint(doc)
			}
		})
	}
}
