package cam_test

import (
	"bytes"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/tencent"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// TestLoadOverWireMatchesFake loads the Demo account twice: directly from the
// fake, and through the real adapter (the Tencent SDK) talking to the fake's
// wire server. The two snapshots must marshal identically.
func TestLoadOverWireMatchesFake(t *testing.T) {
	t.Parallel()
	f := camfake.Demo()
	srv := camfake.NewServer(f)
	defer srv.Close()
	id, key := srv.Credential()
	client, err := tencent.New(common.NewCredential(id, key), tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"))
	if err != nil {
		t.Fatal(err)
	}
	direct := snapshotJSON(t, loadDemo(t, f))
	f.ResetCalls()
	overWire := loadDemo(t, client)
	// The adapter lists the root's keys for the account Load read: one
	// GetUserAppId, and one ListAccessKeys per user and for the root.
	counts := f.CallCounts()
	if counts[cam.ActionGetUserAppID] != 1 || counts[cam.ActionListAccessKeys] != len(overWire.Users)+1 {
		t.Errorf("a load over the wire made %d GetUserAppId and %d ListAccessKeys calls, want 1 and %d",
			counts[cam.ActionGetUserAppID], counts[cam.ActionListAccessKeys], len(overWire.Users)+1)
	}
	if len(overWire.Problems) != 0 {
		t.Fatalf("problems over the wire: %v", overWire.Problems)
	}
	if got := snapshotJSON(t, overWire); !bytes.Equal(got, direct) {
		t.Errorf("the snapshot read through the SDK differs from the fake's own:\n%s\nwant\n%s", got, direct)
	}
}
