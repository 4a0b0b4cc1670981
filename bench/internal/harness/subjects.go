package harness

import (
	"fmt"
	"strings"
)

// Subject is one of the things the benchmark drives through the phases.
type Subject struct {
	Key   string // short name used in results.json
	Label string // for the report
	Exe   string // provider executable whose RSS is watched; "" when built in
	API   bool   // talks to the sandbox
}

// The subjects, ecsx first.
var (
	ECSX          = Subject{Key: "ecsx", Label: "ecsx", Exe: "terraform-provider-ecsx", API: true}
	Noop          = Subject{Key: "noop", Label: "no-op framework provider", Exe: "terraform-provider-noop"}
	NoopSchema    = Subject{Key: "noop_schema", Label: "no-op provider, ecsx_cluster's schema", Exe: "terraform-provider-noopschema"}
	TerraformData = Subject{Key: "terraform_data", Label: "terraform_data (Terraform alone)"}
	Subjects      = []Subject{ECSX, NoopSchema, Noop, TerraformData}
)

// The phases of one cycle, in order.
const (
	PhaseApply   = "apply"
	PhasePlan    = "plan"
	PhaseUpdate  = "update"
	PhaseDestroy = "destroy"
)

// Phases lists the phases of a full cycle.
var Phases = []string{PhaseApply, PhasePlan, PhaseUpdate, PhaseDestroy}

// tagFor is the value of the "run" tag in a phase: the update phase and the
// destroy after it see the changed value.
func tagFor(phase string) string {
	if phase == PhaseUpdate || phase == PhaseDestroy {
		return "y"
	}
	return "x"
}

// Config returns the Terraform configuration of n resources of subject s.
func Config(s Subject, n int, tag, endpoint string) string {
	var b strings.Builder
	tags := fmt.Sprintf(`{ run = %q, owner = "bench" }`, tag)
	switch s.Key {
	case ECSX.Key:
		b.WriteString(ecsxProviderBlock(endpoint))
		fmt.Fprintf(&b, `
resource "ecsx_cluster" "c" {
  count = %d
  name  = "bench-${count.index}"
  tags  = %s
}
`, n, tags)
	case Noop.Key:
		fmt.Fprintf(&b, `terraform {
  required_providers {
    noop = { source = "ecsx/noop" }
  }
}

resource "noop_cluster" "c" {
  count = %d
  name  = "bench-${count.index}"
  tags  = %s
}
`, n, tags)
	case NoopSchema.Key:
		fmt.Fprintf(&b, `terraform {
  required_providers {
    noopschema = { source = "ecsx/noopschema" }
  }
}

resource "noopschema_cluster" "c" {
  count = %d
  name  = "bench-${count.index}"
  tags  = %s
}
`, n, tags)
	case TerraformData.Key:
		fmt.Fprintf(&b, `resource "terraform_data" "c" {
  count = %d
  input = %s
}
`, n, tags)
	default:
		panic("unknown subject " + s.Key)
	}
	return b.String()
}

// ProviderConfig returns ecsx's configuration of n capacity providers, each
// backed by an Auto Scaling group of its own.
func ProviderConfig(n int, endpoint string) string {
	return ecsxProviderBlock(endpoint) + fmt.Sprintf(`
resource "ecsx_capacity_provider" "p" {
  count = %d
  name  = "bench-${count.index}"

  auto_scaling_group_provider {
    auto_scaling_group_arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/bench-${count.index}"
  }
}
`, n)
}

// ecsxProviderBlock is the terraform and provider blocks of ecsx against
// the sandbox at endpoint.
func ecsxProviderBlock(endpoint string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    ecsx = { source = "ecsx/ecsx" }
  }
}

provider "ecsx" {
  region      = "us-east-1"
  access_key  = "bench"
  secret_key  = "bench"
  max_retries = 25

  endpoints {
    ecs = %[1]q
    sts = %[1]q
  }
}
`, endpoint)
}

// Args returns the Terraform command line of a phase.
func Args(phase string, parallelism int) []string {
	common := []string{"-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism)}
	switch phase {
	case PhaseApply, PhaseUpdate:
		return append([]string{"apply", "-auto-approve"}, common...)
	case PhasePlan:
		return append([]string{"plan", "-detailed-exitcode"}, common...)
	case PhaseDestroy:
		return append([]string{"destroy", "-auto-approve"}, common...)
	}
	panic("unknown phase " + phase)
}
