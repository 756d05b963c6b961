package cam_test

import (
	"bytes"
	"testing"

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
	overWire := loadDemo(t, client)
	if len(overWire.Problems) != 0 {
		t.Fatalf("problems over the wire: %v", overWire.Problems)
	}
	if got := snapshotJSON(t, overWire); !bytes.Equal(got, direct) {
		t.Errorf("the snapshot read through the SDK differs from the fake's own:\n%s\nwant\n%s", got, direct)
	}
}
