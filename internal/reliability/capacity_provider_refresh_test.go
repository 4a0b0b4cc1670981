package reliability_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// capacityProvidersConfig is n capacity providers: half backed by Auto
// Scaling groups, half Managed Instances providers of cluster.
func capacityProvidersConfig(url, cluster string, n int) string {
	return cliProvider(url, "test", "test", "") + fmt.Sprintf(`
resource "ecsx_capacity_provider" "asg" {
  count = %[2]d
  name  = "refreshed-asg-${count.index}"

  auto_scaling_group_provider {
    auto_scaling_group_arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/refreshed-${count.index}"
  }
}

resource "ecsx_capacity_provider" "mi" {
  count   = %[3]d
  name    = "refreshed-mi-${count.index}"
  cluster = %[1]q

%[4]s
}
`, cluster, n/2, n-n/2, managedInstancesBlock)
}

// managedInstancesBlock is the managed_instances_provider block of the
// Managed Instances capacity providers of these tests.
const managedInstancesBlock = `  managed_instances_provider {
    infrastructure_role_arn = "arn:aws:iam::123456789012:role/ecsInfrastructureRole"

    instance_launch_template {
      ec2_instance_profile_arn = "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"

      network_configuration {
        subnets = ["subnet-0123456789abcdef0"]
      }
    }
  }`

// TestLimits_capacityProviderRefresh refreshes 50 capacity providers (25
// backed by Auto Scaling groups, 25 Managed Instances providers of one
// cluster; created with the buckets off) under ECS's documented buckets,
// 30 ms per call: no error, no change, no throttled call, and the reads
// share DescribeCapacityProviders calls of up to 10 providers: at most 10
// calls for the 50 at -parallelism=50 (measured 7), at most 30 at
// -parallelism=10 (measured 20 and 15), where one call per provider would
// be 50.
func TestLimits_capacityProviderRefresh(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider: skipped with -short")
	}
	t.Parallel()
	const n = 50
	sb, url, client := startSandbox(t, sandbox.Options{AccessKey: "test", SecretKey: "test"})
	if _, err := client.CreateCluster(t.Context(), &ecs.CreateClusterInput{ClusterName: aws.String("refreshed")}); err != nil {
		t.Fatal(err)
	}
	c := newCLI(t)
	c.write(capacityProvidersConfig(url, "refreshed", n))
	c.mustRun("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=50")
	sb.SetECSLimits(true)
	sb.SetLatency(30 * time.Millisecond)
	// Terraform's -parallelism=10 starts the reads of a refresh spread
	// out, so each wave of 10 takes several calls on 2 busy cores; at 50
	// they arrive together.
	for _, tc := range []struct{ parallelism, most int }{{50, 10}, {10, 30}} {
		sb.ResetStats()
		start := time.Now()
		out := c.mustRun("plan", "-input=false", "-no-color", "-detailed-exitcode", fmt.Sprintf("-parallelism=%d", tc.parallelism))
		if !strings.Contains(out, "No changes") {
			t.Fatalf("refresh at -parallelism=%d planned changes:\n%s", tc.parallelism, out)
		}
		st := sb.Stats()
		calls := st.Calls["DescribeCapacityProviders"]
		t.Logf("refresh of %d capacity providers at -parallelism=%d: %v, %d DescribeCapacityProviders calls, %d throttled",
			n, tc.parallelism, time.Since(start).Round(100*time.Millisecond), calls, st.Throttled)
		if calls < n/10 || calls > tc.most {
			t.Errorf("refresh at -parallelism=%d made %d DescribeCapacityProviders calls for %d providers, want %d to %d", tc.parallelism, calls, n, n/10, tc.most)
		}
		if st.Throttled != 0 {
			t.Errorf("refresh at -parallelism=%d: %d calls throttled, want 0", tc.parallelism, st.Throttled)
		}
	}
}
