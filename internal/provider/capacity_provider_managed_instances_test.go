package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

const (
	miRoleARN    = "arn:aws:iam::123456789012:role/ecsInfrastructureRole"
	miProfileARN = "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"
	miSubnet     = "subnet-0123456789abcdef0"
	miSG         = "sg-0123456789abcdef0"
)

// miConfig is a cluster named name and a Managed Instances capacity
// provider ecsx_capacity_provider.test of that cluster, with extra
// arguments in instance_launch_template (lt), in managed_instances_provider
// (mi) and further resources (extra).
func miConfig(env *acctest.Env, name, lt, mi, extra string) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}

resource "ecsx_capacity_provider" "test" {
  name    = %[1]q
  cluster = ecsx_cluster.test.name

  managed_instances_provider {
    infrastructure_role_arn = %[2]q
    %[6]s

    instance_launch_template {
      ec2_instance_profile_arn = %[3]q
      %[5]s

      network_configuration {
        subnets         = [%[4]q]
        security_groups = [%[7]q]
      }
    }
  }
}
%[8]s`, name, miRoleARN, miProfileARN, miSubnet, lt, mi, miSG, extra)
}

func miAttr(name string) tfjsonpath.Path {
	return tfjsonpath.New("managed_instances_provider").AtSliceIndex(0).AtMapKey(name)
}

func ltAttr(name string) tfjsonpath.Path {
	return miAttr("instance_launch_template").AtSliceIndex(0).AtMapKey(name)
}

// describeProvider returns the provider as ECS reports it.
func describeProvider(t *testing.T, env *acctest.Env, name string) ecstypes.CapacityProvider {
	t.Helper()
	out, err := env.ECS().DescribeCapacityProviders(t.Context(), &ecs.DescribeCapacityProvidersInput{CapacityProviders: []string{name}})
	if err != nil || len(out.CapacityProviders) != 1 {
		t.Fatalf("describe %s: %v (%d found)", name, err, len(out.CapacityProviders))
	}
	return out.CapacityProviders[0]
}

// TestAccCapacityProvider_managedInstances creates a cluster with a Managed
// Instances provider in its default strategy in one apply, changes the
// provider in place in one apply, imports it, and destroys everything in one
// run, with the ECS calls of each step asserted.
func TestAccCapacityProvider_managedInstances(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-mi")
	assoc := `
resource "ecsx_cluster_capacity_providers" "test" {
  cluster_name       = ecsx_cluster.test.name
  capacity_providers = ["FARGATE", ecsx_capacity_provider.test.name]

  default_capacity_provider_strategy {
    capacity_provider = ecsx_capacity_provider.test.name
    base              = 1
    weight            = 1
  }
}
`
	changed := `monitoring = "DETAILED"
      instance_metadata_tags_propagation = false

      storage_configuration {
        storage_size_gib = 100
      }

      instance_requirements {
        allowed_instance_types = ["m7g.*", "c7g.*"]
        cpu_manufacturers      = ["amazon-web-services"]

        vcpu_count {
          min = 2
          max = 8
        }

        memory_mib {
          min = 4096
        }
      }`
	changedMI := `propagate_tags = "CAPACITY_PROVIDER"

    infrastructure_optimization {
      scale_in_after = 300
    }`
	arn := "arn:aws:ecs:us-east-1:123456789012:capacity-provider/" + name
	acctest.Test(t, resource.TestCase{
		CheckDestroy: resource.ComposeTestCheckFunc(checkProvidersDestroyed(env), env.CheckClustersDestroyed()),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Sandbox.ResetStats,
				Config:    miConfig(env, name, "", "", assoc),
				ConfigStateChecks: []statecheck.StateCheck{
					cpState(tfjsonpath.New("arn"), knownvalue.StringExact(arn)),
					cpState(tfjsonpath.New("cluster"), knownvalue.StringExact(name)),
					cpState(tfjsonpath.New("auto_scaling_group_provider"), knownvalue.ListSizeExact(0)),
					cpState(miAttr("infrastructure_role_arn"), knownvalue.StringExact(miRoleARN)),
					cpState(ltAttr("capacity_option_type"), knownvalue.StringExact("ON_DEMAND")),
					cpState(ltAttr("monitoring"), knownvalue.StringExact("BASIC")),
					cpState(ltAttr("instance_metadata_tags_propagation"), knownvalue.Bool(true)),
					cpState(ltAttr("nitro_enclaves_enabled"), knownvalue.Bool(false)),
					cpState(ltAttr("network_configuration").AtSliceIndex(0).AtMapKey("subnets"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(miSubnet)})),
					cpState(ltAttr("storage_configuration"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue("ecsx_cluster_capacity_providers.test", tfjsonpath.New("capacity_providers"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("FARGATE"), knownvalue.StringExact(name)})),
				},
				Check: func(*terraform.State) error {
					calls := env.Sandbox.Stats().Calls
					for op, want := range map[string]int{"CreateCluster": 1, "CreateCapacityProvider": 1, "PutClusterCapacityProviders": 1} {
						if calls[op] != want {
							return fmt.Errorf("%s called %d times, want %d (calls %v)", op, calls[op], want, calls)
						}
					}
					c := describe(t, env.ECS(), name)
					if len(c.DefaultCapacityProviderStrategy) != 1 || aws.ToString(c.DefaultCapacityProviderStrategy[0].CapacityProvider) != name {
						return fmt.Errorf("default strategy %v, want the Managed Instances provider", c.DefaultCapacityProviderStrategy)
					}
					return nil
				},
			},
			{
				PreConfig: env.Sandbox.ResetStats,
				Config:    miConfig(env, name, changed, changedMI, assoc),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(cpAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("ecsx_cluster.test", plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					cpState(ltAttr("monitoring"), knownvalue.StringExact("DETAILED")),
					cpState(ltAttr("instance_metadata_tags_propagation"), knownvalue.Bool(false)),
					cpState(ltAttr("storage_configuration").AtSliceIndex(0).AtMapKey("storage_size_gib"), knownvalue.Int64Exact(100)),
					cpState(ltAttr("instance_requirements").AtSliceIndex(0).AtMapKey("vcpu_count").AtSliceIndex(0).AtMapKey("max"), knownvalue.Int64Exact(8)),
					cpState(ltAttr("instance_requirements").AtSliceIndex(0).AtMapKey("memory_mib").AtSliceIndex(0).AtMapKey("max"), knownvalue.Null()),
					cpState(miAttr("propagate_tags"), knownvalue.StringExact("CAPACITY_PROVIDER")),
					cpState(miAttr("infrastructure_optimization").AtSliceIndex(0).AtMapKey("scale_in_after"), knownvalue.Int64Exact(300)),
				},
				Check: func(*terraform.State) error {
					calls := env.Sandbox.Stats().Calls
					if calls["UpdateCapacityProvider"] != 1 || calls["CreateCapacityProvider"] != 0 || calls["DeleteCapacityProvider"] != 0 || calls["PutClusterCapacityProviders"] != 0 {
						return fmt.Errorf("calls %v: want 1 UpdateCapacityProvider and no create, delete or association", calls)
					}
					p := describeProvider(t, env, name)
					lt := p.ManagedInstancesProvider.InstanceLaunchTemplate
					if lt.Monitoring != ecstypes.ManagedInstancesMonitoringOptionsDetailed || aws.ToInt32(lt.StorageConfiguration.StorageSizeGiB) != 100 {
						return fmt.Errorf("ECS has monitoring %s and storage %v after the update", lt.Monitoring, lt.StorageConfiguration)
					}
					return nil
				},
			},
			{
				ResourceName:            cpAddr,
				ImportState:             true,
				ImportStateId:           arn,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// Removing the cluster's strategy and listing leaves the
				// provider where it belongs.
				PreConfig: env.Sandbox.ResetStats,
				Config:    miConfig(env, name, changed, changedMI, ""),
				Check: func(*terraform.State) error {
					if p := describeProvider(t, env, name); p.Status != ecstypes.CapacityProviderStatusActive {
						return fmt.Errorf("provider is %s after the association was destroyed", p.Status)
					}
					return nil
				},
			},
		},
	})
}

// TestAccCapacityProvider_managedInstancesIgnored checks that the
// capacity_providers of ecsx_cluster and ecsx_cluster_capacity_providers
// ignore a Managed Instances provider they do not name: the plan after the
// apply is empty, and no Put is sent for it.
func TestAccCapacityProvider_managedInstancesIgnored(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-mii")
	body := func(clusterProviders string) string {
		cfg := miConfig(env, name, "", "", `
resource "ecsx_cluster_capacity_providers" "test" {
  cluster_name       = ecsx_cluster.test.name
  capacity_providers = ["FARGATE_SPOT"]
  depends_on         = [ecsx_capacity_provider.test]
}
`)
		return strings.Replace(cfg, "resource \"ecsx_cluster\" \"test\" {\n  name = "+fmt.Sprintf("%q", name), "resource \"ecsx_cluster\" \"test\" {\n  name = "+fmt.Sprintf("%q", name)+"\n  "+clusterProviders, 1)
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: resource.ComposeTestCheckFunc(checkProvidersDestroyed(env), env.CheckClustersDestroyed()),
		Steps: []resource.TestStep{
			{
				Config: body(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("ecsx_cluster_capacity_providers.test", tfjsonpath.New("capacity_providers"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("FARGATE_SPOT")})),
				},
				Check: func(*terraform.State) error {
					c := describe(t, env.ECS(), name)
					if !contains(c.CapacityProviders, name) || !contains(c.CapacityProviders, "FARGATE_SPOT") {
						return fmt.Errorf("cluster providers %v, want FARGATE_SPOT and %s", c.CapacityProviders, name)
					}
					return nil
				},
			},
			{
				// A refresh costs one DescribeCapacityProviders for the
				// provider that capacity_providers does not name, and the
				// plan stays empty.
				PreConfig: env.Sandbox.ResetStats,
				Config:    body(""),
				PlanOnly:  true,
			},
		},
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestAccCapacityProvider_managedInstancesBlockDelete checks that a cluster
// whose deletion is refused because of a Managed Instances provider that
// nothing deletes fails at once, naming the provider, and goes once the
// provider is gone.
func TestAccCapacityProvider_managedInstancesBlockDelete(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-mib")
	other := name + "-other"
	deleteTries := env.ExpectCallsBetween(t, "DeleteCluster", 1, 1)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: clusterConfig(env, name, ""),
				Check: func(*terraform.State) error {
					_, err := env.ECS().CreateCapacityProvider(t.Context(), &ecs.CreateCapacityProviderInput{
						Name: aws.String(other), Cluster: aws.String(name),
						ManagedInstancesProvider: &ecstypes.CreateManagedInstancesProviderConfiguration{
							InfrastructureRoleArn: aws.String(miRoleARN),
							InstanceLaunchTemplate: &ecstypes.InstanceLaunchTemplate{
								Ec2InstanceProfileArn: aws.String(miProfileARN),
								NetworkConfiguration:  &ecstypes.ManagedInstancesNetworkConfiguration{Subnets: []string{miSubnet}},
							},
						},
					})
					return err
				},
			},
			{
				PreConfig:   env.Sandbox.ResetStats,
				Config:      env.ProviderConfig(),
				ExpectError: regexp.MustCompile(`(?s)Cluster still has Managed Instances capacity providers.*"` + other + `".*Delete them first`),
			},
			{
				PreConfig: func() {
					// The failed destroy: one DeleteCluster, not retries.
					deleteTries()
					if _, err := env.ECS().DeleteCapacityProvider(t.Context(), &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String(other), Cluster: aws.String(name)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.ProviderConfig(),
			},
		},
	})
}

// TestAccCapacityProvider_managedInstancesValidation checks that the rules
// of Managed Instances providers are refused at plan time, naming the
// attribute, with no ECS call.
func TestAccCapacityProvider_managedInstancesValidation(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	provider := func(cluster, mi, asg string) string {
		return fmt.Sprintf(`
resource "ecsx_capacity_provider" "test" {
  name = "x-mi"
  %s
  %s
  %s
}
`, cluster, mi, asg)
	}
	lt := func(body string) string {
		return fmt.Sprintf(`managed_instances_provider {
    infrastructure_role_arn = %q
    instance_launch_template {
      ec2_instance_profile_arn = %q
      network_configuration {
        subnets = [%q]
      }
      %s
    }
  }`, miRoleARN, miProfileARN, miSubnet, body)
	}
	asg := fmt.Sprintf(`auto_scaling_group_provider {
    auto_scaling_group_arn = %q
  }`, groupARN("x"))
	cluster := `cluster = "web"`
	cases := map[string]struct{ config, want string }{
		"no cluster":        {provider("", lt(""), ""), `(?s)Missing cluster.*cluster\s+=\s+ecsx_cluster`},
		"cluster with asg":  {provider(cluster, "", asg), `(?s)cluster is for Managed Instances`},
		"both kinds":        {provider(cluster, lt(""), asg), `(?s)Two kinds of capacity provider`},
		"neither":           {provider("", "", ""), `(?s)Missing capacity provider block`},
		"bad cluster name":  {provider(`cluster = "web cluster"`, lt(""), ""), `(?s)cluster`},
		"capacity option":   {provider(cluster, lt(`capacity_option_type = "RESERVED_SPOT"`), ""), `(?s)capacity_option_type.*ON_DEMAND`},
		"monitoring":        {provider(cluster, lt(`monitoring = "detailed"`), ""), `(?s)monitoring.*DETAILED`},
		"nitro and storage": {provider(cluster, lt("nitro_enclaves_enabled = true\n      local_storage_configuration {\n        use_local_storage = true\n      }"), ""), `(?s)Nitro Sandbox and local storage`},
		"storage size":      {provider(cluster, lt("storage_configuration {\n        storage_size_gib = 0\n      }"), ""), `(?s)storage_size_gib.*at least 1`},
		"vcpu order": {provider(cluster, lt(`instance_requirements {
        vcpu_count {
          min = 8
          max = 2
        }
        memory_mib {
          min = 1024
        }
      }`), ""), `(?s)vcpu_count\[0\]:\s+min \(8\) must not exceed max\s+\(2\)`},
		"missing memory": {provider(cluster, lt(`instance_requirements {
        vcpu_count {
          min = 2
        }
      }`), ""), `(?s)memory_mib`},
		"allowed and excluded": {provider(cluster, lt(`instance_requirements {
        allowed_instance_types  = ["m7g.*"]
        excluded_instance_types = ["t3.*"]
        vcpu_count {
          min = 2
        }
        memory_mib {
          min = 1024
        }
      }`), ""), `(?s)excluded_instance_types`},
		"instance type": {provider(cluster, lt(`instance_requirements {
        allowed_instance_types = ["m7g large"]
        vcpu_count {
          min = 2
        }
        memory_mib {
          min = 1024
        }
      }`), ""), `(?s)allowed_instance_types`},
		"accelerator": {provider(cluster, lt(`instance_requirements {
        accelerator_manufacturers = ["NVIDIA"]
        vcpu_count {
          min = 2
        }
        memory_mib {
          min = 1024
        }
      }`), ""), `(?s)accelerator_manufacturers.*nvidia`},
		"scale in after": {provider(cluster, strings.Replace(lt(""), "instance_launch_template {", "infrastructure_optimization {\n      scale_in_after = 3601\n    }\n    instance_launch_template {", 1), ""), `(?s)scale_in_after.*between -1 and 3600`},
		"role arn":       {provider(cluster, strings.Replace(lt(""), miRoleARN, "arn:aws:iam::123456789012:user/ops", 1), ""), `(?s)infrastructure_role_arn.*IAM role ARN`},
		"subnet":         {provider(cluster, strings.Replace(lt(""), miSubnet, "subnet_1", 1), ""), `(?s)subnets.*subnet ID`},
		"no launch template": {provider(cluster, fmt.Sprintf(`managed_instances_provider {
    infrastructure_role_arn = %q
  }`, miRoleARN), ""), `(?s)instance_launch_template`},
	}
	for label, c := range cases {
		t.Run(label, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			acctest.Test(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config:      env.ProviderConfig() + c.config,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
			if n := env.Sandbox.ECSCalls(); n != 0 {
				t.Errorf("%d ECS calls for a configuration refused at plan, want 0", n)
			}
		})
	}
}

// TestAccCapacityProvider_managedInstancesExample applies
// examples/managed-instances in one apply and destroys it in one run.
func TestAccCapacityProvider_managedInstancesExample(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "managed-instances", "main.tf"))
	if err != nil {
		t.Fatalf("reading the example: %v", err)
	}
	// The test's own provider block and source replace the example's.
	config := string(b)
	config = config[strings.Index(config, "\nresource "):]
	env := acctest.New(t)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: resource.ComposeTestCheckFunc(env.CheckClustersDestroyed(), checkProvidersDestroyed(env)),
		Steps: []resource.TestStep{{
			PreConfig: env.Sandbox.ResetStats,
			Config:    env.ProviderConfig() + config,
			Check: func(*terraform.State) error {
				calls := env.Sandbox.Stats().Calls
				if calls["CreateCluster"] != 1 || calls["CreateCapacityProvider"] != 1 || calls["PutClusterCapacityProviders"] != 1 {
					return fmt.Errorf("calls %v: want one create each and one association", calls)
				}
				return nil
			},
		}},
	})
}

// TestAccCapacityProvider_kindChange checks that changing an Auto Scaling
// group provider into a Managed Instances one replaces it.
func TestAccCapacityProvider_kindChange(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-kind")
	asg := env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}

resource "ecsx_capacity_provider" "test" {
  name = %[1]q

  auto_scaling_group_provider {
    auto_scaling_group_arn = %[2]q
  }
}
`, name, groupARN(name))
	acctest.Test(t, resource.TestCase{
		CheckDestroy: resource.ComposeTestCheckFunc(checkProvidersDestroyed(env), env.CheckClustersDestroyed()),
		Steps: []resource.TestStep{
			{Config: asg},
			{
				Config: miConfig(env, name, "", "", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(cpAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					cpState(tfjsonpath.New("auto_scaling_group_provider"), knownvalue.ListSizeExact(0)),
					cpState(tfjsonpath.New("managed_instances_provider"), knownvalue.ListSizeExact(1)),
				},
			},
		},
	})
}
