package sandbox_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func mustMIProvider(t *testing.T, c *ecs.Client, name, cluster string) *types.CapacityProvider {
	t.Helper()
	out, err := c.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{Name: aws.String(name), Cluster: aws.String(cluster),
		ManagedInstancesProvider: miConfig()})
	if err != nil {
		t.Fatal(err)
	}
	return out.CapacityProvider
}

// A cluster-scoped provider is listed by DescribeClusters after the
// associated ones, may be named by the default strategy without being
// listed, and stays listed until its deletion completes.
func TestManagedInstancesScopedToCluster(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, ProviderProvisionDelay: 30 * time.Second, DeprovisionDelay: 10 * time.Second})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("mi")})
	p := mustMIProvider(t, e.client, "mip", "mi")
	if p.Status != types.CapacityProviderStatusProvisioning {
		t.Errorf("status %s, want PROVISIONING", p.Status)
	}
	put := func(strategy ...string) error {
		items := []types.CapacityProviderStrategyItem{}
		for _, n := range strategy {
			items = append(items, types.CapacityProviderStrategyItem{CapacityProvider: aws.String(n), Weight: 1})
		}
		_, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("mi"),
			CapacityProviders: []string{"FARGATE"}, DefaultCapacityProviderStrategy: items})
		return err
	}
	// PROVISIONING providers cannot be used in a strategy.
	if ipe := asErr[*types.InvalidParameterException](t, put("mip")); !strings.Contains(ipe.ErrorMessage(), "not associated with the cluster") {
		t.Errorf("message %q", ipe.ErrorMessage())
	}
	clock.Advance(30 * time.Second)
	if err := put("FARGATE", "mip"); err != nil {
		t.Fatalf("strategy naming an ACTIVE scoped provider: %v", err)
	}
	cl := describe(t, e.client, "mi")
	if !slices.Equal(cl.CapacityProviders, []string{"FARGATE", "mip"}) {
		t.Errorf("capacityProviders %v, want [FARGATE mip]", cl.CapacityProviders)
	}
	if len(cl.DefaultCapacityProviderStrategy) != 2 {
		t.Errorf("strategy %+v", cl.DefaultCapacityProviderStrategy)
	}
	// Omitting the scoped provider from capacityProviders keeps it.
	if err := put(); err != nil {
		t.Fatal(err)
	}
	if cl := describe(t, e.client, "mi"); !slices.Equal(cl.CapacityProviders, []string{"FARGATE", "mip"}) {
		t.Errorf("after put without it: %v", cl.CapacityProviders)
	}
	// Another cluster's strategy cannot name it.
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("other")})
	_, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("other"),
		CapacityProviders: []string{}, DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("mip")}}})
	wantErr[*types.InvalidParameterException](t, err)

	if err := put("mip"); err != nil {
		t.Fatal(err)
	}
	// Deleting through the wrong cluster is refused.
	_, err = e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("mip"), Cluster: aws.String("other")})
	wantErr[*types.InvalidParameterException](t, err)
	if _, err := e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("mip"), Cluster: aws.String("mi")}); err != nil {
		t.Fatal(err)
	}
	// Until the deletion completes the cluster still holds the provider.
	_, err = e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("mi")})
	wantErr[*types.ClientException](t, err)
	if cl := describe(t, e.client, "mi"); !slices.Contains(cl.CapacityProviders, "mip") {
		t.Errorf("deprovisioning provider not listed: %v", cl.CapacityProviders)
	}
	clock.Advance(10 * time.Second)
	cl = describe(t, e.client, "mi")
	if slices.Contains(cl.CapacityProviders, "mip") || len(cl.DefaultCapacityProviderStrategy) != 0 {
		t.Errorf("after deletion: providers %v strategy %+v", cl.CapacityProviders, cl.DefaultCapacityProviderStrategy)
	}
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("mi")}); err != nil {
		t.Errorf("delete after provider deletion: %v", err)
	}
}

// UpdateCapacityProvider merges the given Managed Instances members.
func TestManagedInstancesUpdate(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("mi")})
	mustMIProvider(t, e.client, "mip", "mi")
	upd := func(cluster string, cfg *types.UpdateManagedInstancesProviderConfiguration) (*types.CapacityProvider, error) {
		out, err := e.client.UpdateCapacityProvider(ctx, &ecs.UpdateCapacityProviderInput{Name: aws.String("mip"), Cluster: aws.String(cluster),
			ManagedInstancesProvider: cfg})
		if err != nil {
			return nil, err
		}
		return out.CapacityProvider, nil
	}
	p, err := upd("mi", &types.UpdateManagedInstancesProviderConfiguration{
		InfrastructureRoleArn: aws.String("arn:aws:iam::123456789012:role/infra2"),
		InstanceLaunchTemplate: &types.InstanceLaunchTemplateUpdate{
			Monitoring:           types.ManagedInstancesMonitoringOptionsDetailed,
			StorageConfiguration: &types.ManagedInstancesStorageConfiguration{StorageSizeGiB: aws.Int32(100)},
		},
		PropagateTags: types.PropagateMITagsCapacityProvider,
	})
	if err != nil {
		t.Fatal(err)
	}
	mi := p.ManagedInstancesProvider
	lt := mi.InstanceLaunchTemplate
	if aws.ToString(mi.InfrastructureRoleArn) != "arn:aws:iam::123456789012:role/infra2" || mi.PropagateTags != types.PropagateMITagsCapacityProvider ||
		lt.Monitoring != types.ManagedInstancesMonitoringOptionsDetailed || aws.ToInt32(lt.StorageConfiguration.StorageSizeGiB) != 100 ||
		aws.ToString(lt.Ec2InstanceProfileArn) != "arn:aws:iam::123456789012:instance-profile/p" ||
		lt.NetworkConfiguration == nil || !slices.Equal(lt.NetworkConfiguration.Subnets, []string{"subnet-1"}) {
		t.Errorf("merged provider %+v / %+v", mi, lt)
	}
	if p.UpdateStatus != types.CapacityProviderUpdateStatusUpdateInProgress {
		t.Errorf("update status %s", p.UpdateStatus)
	}
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("other")})
	_, err = upd("other", &types.UpdateManagedInstancesProviderConfiguration{InfrastructureRoleArn: aws.String("r"),
		InstanceLaunchTemplate: &types.InstanceLaunchTemplateUpdate{}})
	wantErr[*types.InvalidParameterException](t, err)
	_, err = e.client.UpdateCapacityProvider(ctx, &ecs.UpdateCapacityProviderInput{Name: aws.String("mip"),
		AutoScalingGroupProvider: &types.AutoScalingGroupProviderUpdate{}})
	wantErr[*types.InvalidParameterException](t, err)
}

// CreateCapacityProvider checks the Managed Instances configuration and fills
// in the service's defaults.
func TestManagedInstancesValidation(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("mi")})
	p := mustMIProvider(t, e.client, "mip", "mi")
	lt := p.ManagedInstancesProvider.InstanceLaunchTemplate
	if lt.CapacityOptionType != types.CapacityOptionTypeOnDemand || lt.Monitoring != types.ManagedInstancesMonitoringOptionsBasic ||
		p.ManagedInstancesProvider.PropagateTags != types.PropagateMITagsNone {
		t.Errorf("defaults: %+v %+v", p.ManagedInstancesProvider, lt)
	}
	bad := map[string]func(c *types.CreateManagedInstancesProviderConfiguration){
		"no subnets": func(c *types.CreateManagedInstancesProviderConfiguration) {
			c.InstanceLaunchTemplate.NetworkConfiguration.Subnets = nil
		},
		"monitoring": func(c *types.CreateManagedInstancesProviderConfiguration) {
			c.InstanceLaunchTemplate.Monitoring = "FULL"
		},
		"capacity option": func(c *types.CreateManagedInstancesProviderConfiguration) {
			c.InstanceLaunchTemplate.CapacityOptionType = "CHEAP"
		},
		"propagate tags": func(c *types.CreateManagedInstancesProviderConfiguration) { c.PropagateTags = "ALL" },
		"scale in after": func(c *types.CreateManagedInstancesProviderConfiguration) {
			c.InfrastructureOptimization = &types.InfrastructureOptimization{ScaleInAfter: aws.Int32(3601)}
		},
		"storage size": func(c *types.CreateManagedInstancesProviderConfiguration) {
			c.InstanceLaunchTemplate.StorageConfiguration = &types.ManagedInstancesStorageConfiguration{StorageSizeGiB: aws.Int32(0)}
		},
	}
	for name, mutate := range bad {
		cfg := miConfig()
		mutate(cfg)
		_, err := e.client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{Name: aws.String("bad"), Cluster: aws.String("mi"),
			ManagedInstancesProvider: cfg})
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		wantErr[*types.InvalidParameterException](t, err)
	}
}
