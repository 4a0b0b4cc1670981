package migration

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// awsState is a Terraform state holding one aws_ecs_cluster of hashicorp/aws
// for the cluster arn, as hashicorp/aws v6 writes it.
func awsState(cli CLI, arn, name string) string {
	attrs := map[string]any{
		"arn": arn, "id": arn, "name": name, "region": sandboxRegion,
		"tags": map[string]string{"team": "platform"}, "tags_all": map[string]string{"team": "platform"},
		"setting": []any{map[string]any{"name": "containerInsights", "value": "enhanced"}},
		"configuration": []any{map[string]any{
			"execute_command_configuration": []any{map[string]any{
				"kms_key_id": "", "logging": "OVERRIDE",
				"log_configuration": []any{map[string]any{
					"cloud_watch_encryption_enabled": false, "cloud_watch_log_group_name": "",
					"s3_bucket_encryption_enabled": true, "s3_bucket_name": "audit-logs", "s3_key_prefix": "exec/",
				}},
			}},
			"managed_storage_configuration": []any{},
		}},
		"service_connect_defaults": []any{},
	}
	state := map[string]any{
		"version": 4, "terraform_version": cli.StateVersion(), "serial": 1, "lineage": "3f0c2a4e-0000-4000-8000-000000000001",
		"outputs": map[string]any{},
		"resources": []any{map[string]any{
			"mode": "managed", "type": "aws_ecs_cluster", "name": "web",
			"provider":  fmt.Sprintf("provider[\"%s/hashicorp/aws\"]", cli.Host()),
			"instances": []any{map[string]any{"schema_version": 0, "attributes": attrs, "sensitive_attributes": []any{}}},
		}},
	}
	b, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

// awsClusterConfig is the body of the aws_ecs_cluster the state was made
// from, in hashicorp/aws's syntax.
const awsClusterConfig = `
  name = %q
  tags = { team = "platform" }

  setting {
    name  = "containerInsights"
    value = "enhanced"
  }

  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"

      log_configuration {
        s3_bucket_name               = "audit-logs"
        s3_bucket_encryption_enabled = true
        s3_key_prefix                = "exec/"
      }
    }
  }
`

// TestMoved_fromAWSCluster moves an aws_ecs_cluster of hashicorp/aws to
// ecsx_cluster with a moved block: the body of the resource is kept as it
// is, the type renamed. The move itself makes no ECS call, the cluster is
// neither replaced nor changed, and the plan after the apply is empty. It
// runs on the newest Terraform and the newest OpenTofu.
func TestMoved_fromAWSCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("CLI test: skipped with -short")
	}
	for _, c := range movingCLIs {
		t.Run(c.label, func(t *testing.T) { testMovedFromAWSCluster(t, c.find(t)) })
	}
}

func testMovedFromAWSCluster(t *testing.T, cli CLI) {
	sb, endpoint, client := startSandbox(t)
	name := "moved-web"
	out, err := client.CreateCluster(t.Context(), &ecs.CreateClusterInput{
		ClusterName: aws.String(name),
		Tags:        []ecstypes.Tag{{Key: aws.String("team"), Value: aws.String("platform")}},
		Settings:    []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("enhanced")}},
		Configuration: &ecstypes.ClusterConfiguration{ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{
			Logging: ecstypes.ExecuteCommandLoggingOverride,
			LogConfiguration: &ecstypes.ExecuteCommandLogConfiguration{
				S3BucketName: aws.String("audit-logs"), S3EncryptionEnabled: true, S3KeyPrefix: aws.String("exec/"),
			},
		}},
	})
	mustECS(t, err)
	arn := aws.ToString(out.Cluster.ClusterArn)

	w := newWorkspace(t, cli)
	w.write("terraform.tfstate", awsState(cli, arn, name))
	w.write("main.tf", providerBlock(endpoint, `    aws = { source = "hashicorp/aws" }`)+
		fmt.Sprintf("\nresource \"ecsx_cluster\" \"web\" {%s}\n", fmt.Sprintf(awsClusterConfig, name))+`
moved {
  from = aws_ecs_cluster.web
  to   = ecsx_cluster.web
}
`)
	w.mustRun("init", "-input=false", "-no-color")
	sb.ResetStats()
	plan, code := w.run("plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=move.tfplan")
	if code == 1 {
		t.Fatalf("plan with the moved block failed:\n%s", plan)
	}
	if calls := modifyingCalls(sb); len(calls) > 0 {
		t.Errorf("the moving plan made changing ECS calls: %v", calls)
	}
	if !strings.Contains(plan, "aws_ecs_cluster.web has moved to ecsx_cluster.web") {
		t.Errorf("plan does not show the move:\n%s", plan)
	}
	expectClusterTakenOver(t, w, sb, client, plan, "move.tfplan", arn, "move")
}

// TestGenerateConfig imports a cluster with an import block and
// -generate-config-out on each CLI: the plan succeeds (Terraform 1.5.7 and
// OpenTofu 1.6.3 crash on read-only nested attributes there), and the
// generated configuration applies with no changes.
func TestGenerateConfig(t *testing.T) {
	if testing.Short() {
		t.Skip("CLI test: skipped with -short")
	}
	clis := map[string]func(*testing.T) CLI{
		"terraform-1.5":    func(t *testing.T) CLI { return pinnedCLI(t, "terraform") },
		"tofu-1.6":         func(t *testing.T) CLI { return pinnedCLI(t, "tofu") },
		"terraform-newest": func(t *testing.T) CLI { return newestTerraform(t, 14) },
		"tofu-newest":      func(t *testing.T) CLI { return newestTofu(t, 7) },
	}
	for _, label := range []string{"terraform-1.5", "tofu-1.6", "terraform-newest", "tofu-newest"} {
		t.Run(label, func(t *testing.T) {
			cli := clis[label](t)
			sb, endpoint, client := startSandbox(t)
			name := "generated"
			_, err := client.CreateCluster(t.Context(), &ecs.CreateClusterInput{
				ClusterName:       aws.String(name),
				Tags:              []ecstypes.Tag{{Key: aws.String("env"), Value: aws.String("test")}},
				Settings:          []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("enabled")}},
				CapacityProviders: []string{"FARGATE", "FARGATE_SPOT"},
				DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{
					{CapacityProvider: aws.String("FARGATE"), Base: 1, Weight: 1},
					{CapacityProvider: aws.String("FARGATE_SPOT"), Weight: 3},
				},
				Configuration: &ecstypes.ClusterConfiguration{
					ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{KmsKeyId: aws.String("alias/exec"), Logging: ecstypes.ExecuteCommandLoggingDefault},
					ManagedStorageConfiguration: &ecstypes.ManagedStorageConfiguration{KmsKeyId: aws.String("alias/storage")},
				},
				ServiceConnectDefaults: &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("internal")},
			})
			mustECS(t, err)

			w := newWorkspace(t, cli)
			w.write("main.tf", providerBlock(endpoint, "")+fmt.Sprintf(`
import {
  to = ecsx_cluster.imported
  id = %q
}
`, name))
			w.mustRun("init", "-input=false", "-no-color")
			if out, code := w.run("plan", "-input=false", "-no-color", "-generate-config-out=generated.tf"); code != 0 {
				t.Fatalf("plan -generate-config-out: exit %d\n%s", code, out)
			}
			generated := w.read("generated.tf")
			for _, want := range []string{`resource "ecsx_cluster" "imported"`, "setting {", "configuration {", "default_capacity_provider_strategy {", "service_connect_defaults {"} {
				if !strings.Contains(generated, want) {
					t.Errorf("generated configuration lacks %q:\n%s", want, generated)
				}
			}
			sb.ResetStats()
			w.mustRun("apply", "-input=false", "-no-color", "-auto-approve")
			if calls := modifyingCalls(sb); len(calls) > 0 {
				t.Errorf("importing changed the cluster: %v\n%s", calls, generated)
			}
			w.expectNoChanges()
		})
	}
}
