package ecslimits

import (
	"fmt"
	"maps"
	"slices"
	"testing"
)

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
	if c := ForOperation("CreateTaskSet"); c != nil {
		t.Errorf("CreateTaskSet is outside the table, got %q", c.Name)
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

// documented is a second statement of ECS's buckets, written from the
// "Throttling quotas" table of the public page "Request throttling for the
// Amazon ECS API",
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html
// (bucket maximum capacity is the burst, bucket refill rate the sustained
// rate per second), for the actions that ecsx calls. It is kept apart from
// Categories on purpose: the sandbox enforces Categories and the provider
// paces with it, so an error there would pass both; it does not pass this.
var documented = map[string]struct {
	burst  int
	refill float64
}{
	// Cluster modify actions.
	"CreateCluster":               {20, 1},
	"DeleteCluster":               {20, 1},
	"UpdateCluster":               {20, 1},
	"UpdateClusterSettings":       {20, 1},
	"PutClusterCapacityProviders": {20, 1},
	// Cluster read actions.
	"DescribeClusters": {50, 20},
	"ListClusters":     {50, 20},
	// Capacity provider modify and read actions.
	"CreateCapacityProvider":    {10, 1},
	"UpdateCapacityProvider":    {10, 1},
	"DeleteCapacityProvider":    {10, 1},
	"DescribeCapacityProviders": {50, 20},
	// Account setting modify and read actions.
	"PutAccountSetting":        {10, 1},
	"PutAccountSettingDefault": {10, 1},
	"DeleteAccountSetting":     {10, 1},
	"ListAccountSettings":      {50, 20},
	// Tag resource modify and read actions.
	"TagResource":         {20, 10},
	"UntagResource":       {20, 10},
	"ListTagsForResource": {50, 20},
	// Service modify and read actions.
	"CreateService":    {50, 5},
	"DeleteService":    {50, 5},
	"UpdateService":    {50, 5},
	"DescribeServices": {100, 20},
	"ListServices":     {100, 20},
	// Cluster resource modify and read actions.
	"DeregisterContainerInstance": {100, 40},
	"RunTask":                     {100, 40},
	"StopTask":                    {100, 40},
	"DescribeContainerInstances":  {100, 20},
	"DescribeTasks":               {100, 20},
	"ListContainerInstances":      {100, 20},
	"ListTasks":                   {100, 20},
	// Agent modify actions.
	"RegisterContainerInstance": {200, 120},
}

// differences lists where cats disagrees with documented: an operation with
// another burst or refill, missing from cats, or in cats without a
// documented bucket.
func differences(cats []Category) []string {
	var out []string
	inTable := map[string]bool{}
	for _, c := range cats {
		for _, op := range c.Operations {
			inTable[op] = true
			d, ok := documented[op]
			switch {
			case !ok:
				out = append(out, fmt.Sprintf("%s (%s) has no documented bucket", op, c.Name))
			case d.burst != c.Burst || d.refill != c.Refill:
				out = append(out, fmt.Sprintf("%s (%s): burst %d, refill %v per second; documented: %d, %v", op, c.Name, c.Burst, c.Refill, d.burst, d.refill))
			}
		}
	}
	for _, op := range slices.Sorted(maps.Keys(documented)) {
		if !inTable[op] {
			out = append(out, fmt.Sprintf("%s is documented but not in the table", op))
		}
	}
	return out
}

// TestCategories_matchDocumentation compares the table with the documented
// buckets.
func TestCategories_matchDocumentation(t *testing.T) {
	for _, d := range differences(Categories) {
		t.Error(d)
	}
}

// TestCategories_matchDocumentationNegativeControl: a wrong refill rate, a
// wrong burst and a missing operation are each found.
func TestCategories_matchDocumentationNegativeControl(t *testing.T) {
	mutate := func(f func(cats []Category) []Category) []Category {
		cats := make([]Category, len(Categories))
		for i, c := range Categories {
			c.Operations = slices.Clone(c.Operations)
			cats[i] = c
		}
		return f(cats)
	}
	cases := map[string][]Category{
		"cluster modify refill 2/s": mutate(func(cats []Category) []Category { cats[0].Refill = 2; return cats }),
		"cluster read refill 10/s":  mutate(func(cats []Category) []Category { cats[1].Refill = 10; return cats }),
		"tag modify burst 50": mutate(func(cats []Category) []Category {
			cats[slices.IndexFunc(cats, func(c Category) bool { return c.Name == "tag modify" })].Burst = 50
			return cats
		}),
		"DeleteCluster missing": mutate(func(cats []Category) []Category {
			cats[0].Operations = slices.DeleteFunc(cats[0].Operations, func(op string) bool { return op == "DeleteCluster" })
			return cats
		}),
		"an undocumented operation": mutate(func(cats []Category) []Category {
			cats[0].Operations = append(cats[0].Operations, "CreateTaskSet")
			return cats
		}),
	}
	for name, cats := range cases {
		if d := differences(cats); len(d) == 0 {
			t.Errorf("%s: not found", name)
		}
	}
}
