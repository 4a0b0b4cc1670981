package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

const (
	allClustersAddr      = "data.ecsx_clusters.all"
	filteredClustersAddr = "data.ecsx_clusters.filtered"
)

// TestAccClustersDataSource_basic lists more clusters than one ListClusters
// page holds, created out of band, with and without a name_regex filter.
func TestAccClustersDataSource_basic(t *testing.T) {
	t.Parallel()
	acctest.SkipOnAWS(t)
	env := acctest.New(t)

	const pageClusters = 105
	names := []string{"other-a", "other-b"}
	for i := range pageClusters {
		names = append(names, fmt.Sprintf("page-%03d", i))
	}
	for _, name := range names {
		if err := env.CreateCluster(name); err != nil {
			t.Fatal(err)
		}
	}
	env.Sandbox.ResetStats()

	config := env.ProviderConfig() + `
data "ecsx_clusters" "all" {}

data "ecsx_clusters" "filtered" {
  name_regex = "^page-00[0-2]$|other-b"
}
`
	arn := func(name string) knownvalue.Check {
		return knownvalue.StringRegexp(regexp.MustCompile(`^arn:aws:ecs:us-east-1:\d{12}:cluster/` + name + `$`))
	}
	item := func(name string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact(name), "arn": arn(name)})
	}
	at := func(attribute string, i int) tfjsonpath.Path { return tfjsonpath.New(attribute).AtSliceIndex(i) }

	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(allClustersAddr, tfjsonpath.New("clusters"), knownvalue.ListSizeExact(len(names))),
					statecheck.ExpectKnownValue(allClustersAddr, tfjsonpath.New("names"), knownvalue.ListSizeExact(len(names))),
					statecheck.ExpectKnownValue(allClustersAddr, tfjsonpath.New("cluster_arns"), knownvalue.ListSizeExact(len(names))),
					// Sorted by name: "other-*" sort before "page-*".
					statecheck.ExpectKnownValue(allClustersAddr, at("clusters", 0), item("other-a")),
					statecheck.ExpectKnownValue(allClustersAddr, at("clusters", 2), item("page-000")),
					statecheck.ExpectKnownValue(allClustersAddr, at("clusters", len(names)-1), item(fmt.Sprintf("page-%03d", pageClusters-1))),
					statecheck.ExpectKnownValue(allClustersAddr, at("names", 101), knownvalue.StringExact("page-099")),
					statecheck.ExpectKnownValue(allClustersAddr, at("cluster_arns", 101), arn("page-099")),
					statecheck.ExpectKnownValue(allClustersAddr, tfjsonpath.New("name_regex"), knownvalue.Null()),

					statecheck.ExpectKnownValue(filteredClustersAddr, tfjsonpath.New("clusters"), knownvalue.ListExact([]knownvalue.Check{
						item("other-b"), item("page-000"), item("page-001"), item("page-002"),
					})),
					statecheck.ExpectKnownValue(filteredClustersAddr, tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("other-b"), knownvalue.StringExact("page-000"),
						knownvalue.StringExact("page-001"), knownvalue.StringExact("page-002"),
					})),
					statecheck.ExpectKnownValue(filteredClustersAddr, tfjsonpath.New("cluster_arns"), knownvalue.ListExact([]knownvalue.Check{
						arn("other-b"), arn("page-000"), arn("page-001"), arn("page-002"),
					})),
				},
				Check: func(*terraform.State) error {
					// Each read of a data source lists two pages (100 + 7)
					// and describes nothing.
					calls := env.Sandbox.Stats().Calls
					if n := calls["ListClusters"]; n == 0 || n%2 != 0 {
						return fmt.Errorf("ListClusters called %d times, want a positive multiple of 2 (two pages per read)", n)
					}
					if n := calls["DescribeClusters"]; n != 0 {
						return fmt.Errorf("DescribeClusters called %d times, want 0", n)
					}
					return nil
				},
			},
			{
				Config: env.ProviderConfig() + `
data "ecsx_clusters" "all" {
  name_regex = "page-(0"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Invalid regular expression.*page-\(0`),
			},
			{
				Config: env.ProviderConfig() + `
data "ecsx_clusters" "none" {
  name_regex = "^nothing-matches$"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.ecsx_clusters.none", tfjsonpath.New("clusters"), knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue("data.ecsx_clusters.none", tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue("data.ecsx_clusters.none", tfjsonpath.New("cluster_arns"), knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
		},
	})
}
