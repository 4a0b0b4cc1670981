package ecslimits

import "testing"

func TestForOperation(t *testing.T) {
	cases := map[string]string{
		"CreateCluster":               "cluster modify",
		"PutClusterCapacityProviders": "cluster modify",
		"DescribeClusters":            "cluster read",
		"ListClusters":                "cluster read",
		"DeleteCapacityProvider":      "capacity provider modify",
		"DescribeCapacityProviders":   "capacity provider read",
		"PutAccountSettingDefault":    "account setting modify",
		"ListAccountSettings":         "account setting read",
		"UntagResource":               "tag modify",
		"ListTagsForResource":         "tag read",
	}
	for op, want := range cases {
		c := ForOperation(op)
		if c == nil || c.Name != want {
			t.Errorf("ForOperation(%q) = %v, want %q", op, c, want)
		}
	}
	if c := ForOperation("RunTask"); c != nil {
		t.Errorf("RunTask is outside the table, got %q", c.Name)
	}
}

// TestCategories_disjoint: an operation belongs to one bucket only, and
// every bucket can serve at least one call.
func TestCategories_disjoint(t *testing.T) {
	seen := map[string]string{}
	for _, c := range Categories {
		if c.Burst < 1 || c.Refill <= 0 || len(c.Operations) == 0 {
			t.Errorf("%s: burst %d refill %v operations %v", c.Name, c.Burst, c.Refill, c.Operations)
		}
		for _, op := range c.Operations {
			if prev, dup := seen[op]; dup {
				t.Errorf("%s is in %q and %q", op, prev, c.Name)
			}
			seen[op] = c.Name
		}
	}
}
