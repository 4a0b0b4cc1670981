package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// awsClusterStateJSON is the state of an aws_ecs_cluster as hashicorp/aws v6
// writes it: SDKv2 stores unset strings as "" and unset bools as false.
const awsClusterStateJSON = `{
  "arn": "arn:aws:ecs:eu-west-1:123456789012:cluster/web",
  "configuration": [{
    "execute_command_configuration": [{
      "kms_key_id": "",
      "log_configuration": [{
        "cloud_watch_encryption_enabled": false,
        "cloud_watch_log_group_name": "",
        "s3_bucket_encryption_enabled": true,
        "s3_bucket_name": "audit",
        "s3_key_prefix": "exec/"
      }],
      "logging": "OVERRIDE"
    }],
    "managed_storage_configuration": []
  }],
  "id": "arn:aws:ecs:eu-west-1:123456789012:cluster/web",
  "name": "web",
  "region": "eu-west-1",
  "service_connect_defaults": [{"namespace": "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-abc"}],
  "setting": [{"name": "containerInsights", "value": "enhanced"}],
  "tags": {"team": "a"},
  "tags_all": {"team": "a", "env": "prod"}
}`

func moveRequest(typ, address string, version int64, stateJSON string) (resource.MoveStateRequest, *resource.MoveStateResponse) {
	req := resource.MoveStateRequest{
		SourceTypeName:        typ,
		SourceProviderAddress: address,
		SourceSchemaVersion:   version,
		SourceRawState:        &tfprotov6.RawState{JSON: []byte(stateJSON)},
	}
	s := clusterSchema()
	resp := &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: s, Raw: tftypes.NewValue(clusterTerraformType(), nil)}}
	return req, resp
}

func TestMoveState_fromAWSCluster(t *testing.T) {
	for _, address := range []string{"registry.terraform.io/hashicorp/aws", "registry.opentofu.org/hashicorp/aws", "hashicorp/aws", "aws"} {
		t.Run(address, func(t *testing.T) {
			req, resp := moveRequest("aws_ecs_cluster", address, 0, awsClusterStateJSON)
			moveClusterState(context.Background(), req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("move failed: %v", resp.Diagnostics)
			}
			var m clusterResourceModel
			if d := clusterModelFromRaw(context.Background(), resp.TargetState.Raw, &m); d.HasError() {
				t.Fatalf("moved state does not read: %v", d)
			}
			checks := map[string][2]string{
				"id":     {m.ID.ValueString(), "arn:aws:ecs:eu-west-1:123456789012:cluster/web"},
				"name":   {m.Name.ValueString(), "web"},
				"region": {m.Region.ValueString(), "eu-west-1"},
				"tags":   {m.Tags.String(), `{"team":"a"}`},
			}
			for name, c := range checks {
				if c[0] != c[1] {
					t.Errorf("%s = %s, want %s", name, c[0], c[1])
				}
			}
			settings := expandSettings(m.Setting)
			if len(settings) != 1 || *settings[0].Value != "enhanced" {
				t.Errorf("setting = %v, want containerInsights enhanced", m.Setting)
			}
			cfg := expandConfiguration(m.Configuration)
			if cfg == nil || cfg.ExecuteCommandConfiguration == nil || cfg.ExecuteCommandConfiguration.LogConfiguration == nil {
				t.Fatalf("configuration lost: %v", m.Configuration)
			}
			ec := cfg.ExecuteCommandConfiguration
			if ec.KmsKeyId != nil || string(ec.Logging) != "OVERRIDE" || !ec.LogConfiguration.S3EncryptionEnabled ||
				*ec.LogConfiguration.S3BucketName != "audit" || ec.LogConfiguration.CloudWatchLogGroupName != nil {
				t.Errorf("execute_command_configuration = %+v / %+v", ec, ec.LogConfiguration)
			}
			if cfg.ManagedStorageConfiguration != nil {
				t.Errorf("managed_storage_configuration = %+v, want none", cfg.ManagedStorageConfiguration)
			}
			if !m.CapacityProviders.IsNull() {
				t.Errorf("capacity_providers = %v, want null (unmanaged)", m.CapacityProviders)
			}
			if got := namespaceOf(m.ServiceConnectDefaults); got != "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-abc" {
				t.Errorf("namespace = %q", got)
			}
		})
	}
}

func TestMoveState_refused(t *testing.T) {
	tests := []struct {
		typ, address string
		version      int64
		want         string
	}{
		{"aws_ecs_service", "registry.terraform.io/hashicorp/aws", 0, "aws_ecs_cluster only"},
		{"aws_ecs_cluster", "registry.terraform.io/example/aws", 0, "aws_ecs_cluster only"},
		{"aws_ecs_service", "aws", 0, "aws_ecs_cluster only"},
		{"aws_ecs_cluster", "awscc", 0, "aws_ecs_cluster only"},
		{"aws_ecs_cluster", "registry.example.com/hashicorp/aws", 0, "aws_ecs_cluster only"},
		{"aws_ecs_cluster", "aws", 1, "not version 1"},
		{"aws_ecs_cluster", "registry.terraform.io/hashicorp/aws", 1, "not version 1"},
	}
	for _, tt := range tests {
		req, resp := moveRequest(tt.typ, tt.address, tt.version, awsClusterStateJSON)
		moveClusterState(context.Background(), req, resp)
		if !resp.Diagnostics.HasError() {
			t.Errorf("%s from %s v%d: moved, want an error", tt.typ, tt.address, tt.version)
			continue
		}
		if d := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(d, tt.want) {
			t.Errorf("%s from %s v%d: error %q, want it to mention %q", tt.typ, tt.address, tt.version, d, tt.want)
		}
	}
}

func TestUpgradeState_v0(t *testing.T) {
	const v0 = `{
  "id": "arn:aws:ecs:us-east-1:123456789012:cluster/old", "arn": "arn:aws:ecs:us-east-1:123456789012:cluster/old",
  "name": "old", "name_prefix": null, "tags": null, "tags_all": {},
  "settings": [{"name": "containerInsights", "value": "disabled"}],
  "configuration": {"execute_command_configuration": {"kms_key_id": null, "logging": "OVERRIDE",
    "log_configuration": {"cloud_watch_log_group_name": null, "cloud_watch_encryption_enabled": false, "s3_bucket_name": "b", "s3_encryption_enabled": true, "s3_key_prefix": null}},
    "managed_storage_configuration": null},
  "capacity_providers": ["FARGATE"],
  "default_capacity_provider_strategy": [{"capacity_provider": "FARGATE", "weight": 1, "base": 0}],
  "service_connect_defaults": {"namespace": "internal", "namespace_arn": "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1"},
  "status": "ACTIVE", "registered_container_instances_count": 0, "running_tasks_count": 0, "pending_tasks_count": 0,
  "active_services_count": 0, "statistics": {}, "attachments": [], "attachments_status": null,
  "timeouts": null
}`
	upgrader := (&clusterResource{}).UpgradeState(context.Background())[0]
	resp := &resource.UpgradeStateResponse{State: tfsdk.State{Schema: clusterSchema()}}
	upgrader.StateUpgrader(context.Background(), resource.UpgradeStateRequest{RawState: &tfprotov6.RawState{JSON: []byte(v0)}}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("upgrade failed: %v", resp.Diagnostics)
	}
	var m clusterResourceModel
	if d := clusterModelFromRaw(context.Background(), resp.State.Raw, &m); d.HasError() {
		t.Fatalf("upgraded state does not read: %v", d)
	}
	if m.Region.ValueString() != "us-east-1" || m.Status.ValueString() != "ACTIVE" || m.Name.ValueString() != "old" {
		t.Errorf("region %s, status %s, name %s", m.Region, m.Status, m.Name)
	}
	if lc := expandConfiguration(m.Configuration).ExecuteCommandConfiguration.LogConfiguration; lc == nil || !lc.S3EncryptionEnabled {
		t.Errorf("s3_encryption_enabled not carried over to s3_bucket_encryption_enabled: %v", m.Configuration)
	}
	if got := expandCapacityProviders(m.CapacityProviders); len(got) != 1 || got[0] != "FARGATE" {
		t.Errorf("capacity_providers = %v", got)
	}
	if s := expandStrategy(m.DefaultCapacityProviderStrategy); len(s) != 1 || s[0].Weight != 1 {
		t.Errorf("strategy = %v", s)
	}
	if namespaceOf(m.ServiceConnectDefaults) != "internal" || len(expandSettings(m.Setting)) != 1 {
		t.Errorf("service_connect_defaults %v, setting %v", m.ServiceConnectDefaults, m.Setting)
	}
}
