package migration

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// createQueryProviders creates 25 Auto Scaling group providers (qp-asg-00
// ...) and 25 Managed Instances providers (qp-mi-00 ..., 5 in each of the
// clusters qp-c0 to qp-c4) with a variety of settings, and returns their
// names.
func createQueryProviders(t *testing.T, client *ecs.Client) []string {
	t.Helper()
	var names []string
	for c := range 5 {
		_, err := client.CreateCluster(t.Context(), &ecs.CreateClusterInput{ClusterName: aws.String(fmt.Sprintf("qp-c%d", c))})
		mustECS(t, err)
	}
	for i := range 25 {
		name := fmt.Sprintf("qp-asg-%02d", i)
		asg := &ecstypes.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String(groupARN(name))}
		in := &ecs.CreateCapacityProviderInput{Name: aws.String(name), AutoScalingGroupProvider: asg}
		switch i % 3 {
		case 1:
			asg.ManagedTerminationProtection = ecstypes.ManagedTerminationProtectionEnabled
			asg.ManagedScaling = &ecstypes.ManagedScaling{Status: ecstypes.ManagedScalingStatusEnabled, TargetCapacity: aws.Int32(80),
				MinimumScalingStepSize: aws.Int32(2), MaximumScalingStepSize: aws.Int32(20), InstanceWarmupPeriod: aws.Int32(120)}
		case 2:
			asg.ManagedDraining = ecstypes.ManagedDrainingDisabled
			in.Tags = []ecstypes.Tag{{Key: aws.String("team"), Value: aws.String(fmt.Sprintf("t%d", i%4))}}
		}
		_, err := client.CreateCapacityProvider(t.Context(), in)
		mustECS(t, err)
		names = append(names, name)
	}
	for i := range 25 {
		name := fmt.Sprintf("qp-mi-%02d", i)
		lt := &ecstypes.InstanceLaunchTemplate{
			Ec2InstanceProfileArn: aws.String(miProfileARN),
			NetworkConfiguration:  &ecstypes.ManagedInstancesNetworkConfiguration{Subnets: []string{miSubnet}},
		}
		mi := &ecstypes.CreateManagedInstancesProviderConfiguration{InfrastructureRoleArn: aws.String(miRoleARN), InstanceLaunchTemplate: lt}
		in := &ecs.CreateCapacityProviderInput{Name: aws.String(name), Cluster: aws.String(fmt.Sprintf("qp-c%d", i%5)), ManagedInstancesProvider: mi}
		switch i % 3 {
		case 1:
			mi.PropagateTags = ecstypes.PropagateMITagsCapacityProvider
			lt.StorageConfiguration = &ecstypes.ManagedInstancesStorageConfiguration{StorageSizeGiB: aws.Int32(50)}
		case 2:
			lt.Monitoring = ecstypes.ManagedInstancesMonitoringOptionsDetailed
			in.Tags = []ecstypes.Tag{{Key: aws.String("team"), Value: aws.String("mi")}}
		}
		_, err := client.CreateCapacityProvider(t.Context(), in)
		mustECS(t, err)
		names = append(names, name)
	}
	return names
}

// TestQueryCapacityProviders brings a region's capacity providers under
// management with terraform query (Terraform >= 1.14): the list resource
// pages through DescribeCapacityProviders (10 a page) for the Auto Scaling
// group providers and per cluster for the Managed Instances providers,
// leaves out FARGATE, FARGATE_SPOT, deleted providers and names that do
// not match, and the configuration that -generate-config-out writes (an
// import block by identity, the ARN, and a resource block per provider)
// imports all 50 with no change; the plan after it is empty.
func TestQueryCapacityProviders(t *testing.T) {
	if testing.Short() {
		t.Skip("CLI test: skipped with -short")
	}
	cli := newestTerraform(t, 14)
	sb, endpoint, client := startSandbox(t)
	names := createQueryProviders(t, client)
	// A deleted provider, and one the filter leaves out.
	for _, name := range []string{"qp-deleted", "other"} {
		_, err := client.CreateCapacityProvider(t.Context(), &ecs.CreateCapacityProviderInput{Name: aws.String(name),
			AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String(groupARN(name))}})
		mustECS(t, err)
	}
	_, err := client.DeleteCapacityProvider(t.Context(), &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("qp-deleted")})
	mustECS(t, err)

	w, out, calls := queryAll(t, cli, sb, endpoint, "ecsx_capacity_provider", "^qp-")
	// The region's listing holds FARGATE, FARGATE_SPOT and the 53 providers
	// the sandbox keeps (it lists Managed Instances providers there too;
	// they are taken from their clusters' listings only): 6 pages of 10.
	// Then 1 ListClusters and one page per cluster for its 5 Managed
	// Instances providers: 11 DescribeCapacityProviders in all.
	if calls["ListClusters"] != 1 || calls["DescribeCapacityProviders"] != 11 {
		t.Errorf("query calls: %v, want 1 ListClusters and 11 DescribeCapacityProviders", calls)
	}
	generated := w.read("generated.tf")
	if n := strings.Count(generated, `resource "ecsx_capacity_provider"`); n != len(names) {
		t.Fatalf("generated %d resource blocks, want %d\n%s", n, len(names), lastLines(out, 20))
	}
	if n := strings.Count(generated, "import {"); n != len(names) {
		t.Errorf("generated %d import blocks, want %d", n, len(names))
	}
	for _, name := range names {
		if !strings.Contains(generated, fmt.Sprintf(`arn = "arn:aws:ecs:us-east-1:123456789012:capacity-provider/%s"`, name)) {
			t.Errorf("no import by identity of %s", name)
		}
	}
	for _, name := range []string{"qp-deleted", "other", "FARGATE"} {
		if strings.Contains(generated, fmt.Sprintf("%q", name)) {
			t.Errorf("%s was listed", name)
		}
	}
	for _, want := range []string{"identity = {", "auto_scaling_group_provider {", "managed_scaling {", "managed_instances_provider {",
		"instance_launch_template {", "storage_configuration {"} {
		if !strings.Contains(generated, want) {
			t.Errorf("generated configuration lacks %q", want)
		}
	}
	if !regexp.MustCompile(`cluster\s+= "qp-c0"`).MatchString(generated) {
		t.Error("generated configuration lacks the cluster of the Managed Instances providers")
	}

	applyGenerated(t, w, sb, len(names))
}
