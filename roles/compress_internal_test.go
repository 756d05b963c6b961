package roles

import (
	"slices"
	"strings"
	"testing"
)

func TestCompress(t *testing.T) {
	names := []string{"DescribeAddon", "DescribeCluster", "DescribeClusterKubeconfig", "DescribeClusterNodePools",
		"DescribeClusterNodes", "DescribeClusters", "DescribeClustersX", "GetA", "GetB", "ListA"}
	slices.Sort(names)
	bad := map[string]bool{"DescribeClusterKubeconfig": true, "ListA": true}
	got := compress(names, "", func(n string) bool { return !bad[n] })
	want := []string{"DescribeAddon", "DescribeCluster", "DescribeClusterNode*", "DescribeClusters*", "Get*"}
	if !slices.Equal(got, want) {
		t.Fatalf("compress = %v, want %v", got, want)
	}
	// Every wanted name is covered, no unwanted one is.
	for _, n := range names {
		covered := false
		for _, p := range got {
			if p == n || (strings.HasSuffix(p, "*") && strings.HasPrefix(n, strings.TrimSuffix(p, "*"))) {
				covered = true
			}
		}
		if covered == bad[n] {
			t.Errorf("%s: covered %v, unwanted %v", n, covered, bad[n])
		}
	}
}
