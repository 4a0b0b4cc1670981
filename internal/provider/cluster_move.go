package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var (
	_ resource.ResourceWithMoveState    = (*clusterResource)(nil)
	_ resource.ResourceWithUpgradeState = (*clusterResource)(nil)
)

// awsClusterType is hashicorp/aws's resource type that ecsx_cluster replaces.
const awsClusterType = "aws_ecs_cluster"

// hashicorpAWSAddresses are the forms in which the CLIs send hashicorp/aws's
// address with a move: Terraform and OpenTofu 1.11.12 and 1.12.4 and later
// the full address of their registry, OpenTofu 1.11.0 to 1.11.11 and 1.12.0
// to 1.12.3 the short name "aws" (OpenTofu issue #4352), and "hashicorp/aws"
// without the host. The movers
// check the source type and schema version as well, so the short name is
// accepted only for hashicorp/aws's ECS resource types.
var hashicorpAWSAddresses = map[string]bool{
	"registry.terraform.io/hashicorp/aws": true,
	"registry.opentofu.org/hashicorp/aws": true,
	"hashicorp/aws":                       true,
	"aws":                                 true,
}

// isHashicorpAWS reports whether a provider address is hashicorp/aws's.
func isHashicorpAWS(address string) bool {
	return hashicorpAWSAddresses[address]
}

// MoveState accepts the state of hashicorp/aws's aws_ecs_cluster (schema
// version 0) in a moved block. The state is converted offline: no ECS call is
// made, and the cluster is neither replaced nor changed. The first plan reads
// the cluster and aligns the parts that the configuration leaves unmanaged.
func (r *clusterResource) MoveState(_ context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveClusterState}}
}

func moveClusterState(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if req.SourceTypeName != awsClusterType || !isHashicorpAWS(req.SourceProviderAddress) {
		resp.Diagnostics.AddError("Unsupported move source",
			fmt.Sprintf("ecsx_cluster can take over the state of hashicorp/aws's %s only, not of %s (provider %s). "+
				"To bring another cluster under ecsx, use an import block.", awsClusterType, req.SourceTypeName, req.SourceProviderAddress))
		return
	}
	if req.SourceSchemaVersion != 0 {
		resp.Diagnostics.AddError("Unsupported state version",
			fmt.Sprintf("ecsx_cluster knows schema version 0 of %s (hashicorp/aws v4 to v6), not version %d. "+
				"Remove the resource from the state (a removed block with destroy = false) and import it into ecsx_cluster instead.",
				awsClusterType, req.SourceSchemaVersion))
		return
	}
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		resp.Diagnostics.AddError("Missing source state", "Terraform sent no state of the "+awsClusterType+" to move.")
		return
	}
	src, err := decodeState(req.SourceRawState.JSON)
	if err != nil {
		resp.Diagnostics.AddError("Unreadable source state", "The state of the "+awsClusterType+" could not be read: "+err.Error())
		return
	}
	target := stateFromAWSCluster(src)
	v, diags := clusterStateValue(target)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	resp.TargetState.Raw = v
	if settings, _ := target["setting"].([]any); len(settings) > 0 && resp.TargetPrivate != nil {
		resp.Diagnostics.Append(resp.TargetPrivate.SetKey(ctx, privateSettingAdopted, settingAdoptedFresh)...)
	}
}

// UpgradeState converts the state of earlier ecsx releases: version 0 had
// nested attributes (settings, configuration as objects) where version 1 has
// aws_ecs_cluster's blocks.
func (r *clusterResource) UpgradeState(_ context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {StateUpgrader: func(_ context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
			if req.RawState == nil || len(req.RawState.JSON) == 0 {
				resp.Diagnostics.AddError("Missing prior state", "Terraform sent no prior state of the ecsx_cluster to upgrade.")
				return
			}
			src, err := decodeState(req.RawState.JSON)
			if err != nil {
				resp.Diagnostics.AddError("Unreadable prior state", "The ecsx_cluster state could not be read: "+err.Error())
				return
			}
			v, diags := clusterStateValue(stateFromV0(src))
			resp.Diagnostics.Append(diags...)
			if diags.HasError() {
				return
			}
			resp.State.Raw = v
		}},
	}
}

// decodeState decodes a JSON state, keeping numbers exact.
func decodeState(b []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

// clusterStateValue converts a state in the JSON shape of version 1 into a
// value of the ecsx_cluster schema; attributes it leaves out are null.
func clusterStateValue(state map[string]any) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	b, err := json.Marshal(state)
	if err == nil {
		var v tftypes.Value
		v, err = (&tfprotov6.RawState{JSON: b}).UnmarshalWithOpts(clusterTerraformType(), tfprotov6.UnmarshalOpts{})
		if err == nil {
			return v, diags
		}
	}
	diags.AddError("State conversion failed",
		"The state could not be converted to ecsx_cluster's schema. This is always an error in the provider; please report it:\n\n"+err.Error())
	return tftypes.Value{}, diags
}

// JSON helpers over decoded state: absent values read as zero values.

func jsonObjects(v any) []map[string]any {
	var out []map[string]any
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
	case map[string]any:
		out = append(out, t)
	}
	return out
}

func jsonString(m map[string]any, key string) any {
	if s, ok := m[key].(string); ok && s != "" {
		return s
	}
	return nil
}

func jsonBool(m map[string]any, key string) bool {
	b, _ := m[key].(bool)
	return b
}

// jsonBlock returns the blocks of key converted by conv, as a list.
func jsonBlock(m map[string]any, key string, conv func(map[string]any) map[string]any) []any {
	out := []any{}
	for _, o := range jsonObjects(m[key]) {
		out = append(out, conv(o))
	}
	return out
}

// clusterConfigurationJSON converts a configuration (a block list or, in
// version 0, an object) to version 1's blocks. s3Encryption names the S3
// encryption flag of the source.
func clusterConfigurationJSON(src map[string]any, s3Encryption string) []any {
	return jsonBlock(src, "configuration", func(c map[string]any) map[string]any {
		return map[string]any{
			"execute_command_configuration": jsonBlock(c, "execute_command_configuration", func(ec map[string]any) map[string]any {
				logging := jsonString(ec, "logging")
				if logging == nil {
					logging = "DEFAULT"
				}
				return map[string]any{
					"kms_key_id": jsonString(ec, "kms_key_id"),
					"logging":    logging,
					"log_configuration": jsonBlock(ec, "log_configuration", func(lc map[string]any) map[string]any {
						return map[string]any{
							"cloud_watch_encryption_enabled": jsonBool(lc, "cloud_watch_encryption_enabled"),
							"cloud_watch_log_group_name":     jsonString(lc, "cloud_watch_log_group_name"),
							"s3_bucket_name":                 jsonString(lc, "s3_bucket_name"),
							"s3_bucket_encryption_enabled":   jsonBool(lc, s3Encryption),
							"s3_key_prefix":                  jsonString(lc, "s3_key_prefix"),
						}
					}),
				}
			}),
			"managed_storage_configuration": jsonBlock(c, "managed_storage_configuration", func(ms map[string]any) map[string]any {
				return map[string]any{
					"fargate_ephemeral_storage_kms_key_id": jsonString(ms, "fargate_ephemeral_storage_kms_key_id"),
					"kms_key_id":                           jsonString(ms, "kms_key_id"),
				}
			}),
		}
	})
}

// settingJSON converts setting objects.
func settingJSON(src map[string]any, key string) []any {
	return jsonBlock(src, key, func(s map[string]any) map[string]any {
		return map[string]any{"name": jsonString(s, "name"), "value": jsonString(s, "value")}
	})
}

// strategyJSON converts strategy items; a missing weight or base is 0.
func strategyJSON(src map[string]any) []any {
	return jsonBlock(src, "default_capacity_provider_strategy", func(s map[string]any) map[string]any {
		num := func(k string) any {
			if n, ok := s[k].(json.Number); ok {
				return n
			}
			return 0
		}
		return map[string]any{"capacity_provider": jsonString(s, "capacity_provider"), "weight": num("weight"), "base": num("base")}
	})
}

// serviceConnectJSON converts Service Connect defaults; ECS reports the
// namespace by ARN.
func serviceConnectJSON(src map[string]any) []any {
	return jsonBlock(src, "service_connect_defaults", func(s map[string]any) map[string]any {
		arn := jsonString(s, "namespace_arn")
		if arn == nil {
			arn = jsonString(s, "namespace")
		}
		return map[string]any{"namespace": jsonString(s, "namespace"), "namespace_arn": arn}
	})
}

// stateFromAWSCluster converts the state of aws_ecs_cluster (hashicorp/aws
// v4 to v6). hashicorp/aws v4 still had capacity_providers on the cluster:
// those are kept, managed; otherwise the cluster's providers stay unmanaged.
func stateFromAWSCluster(src map[string]any) map[string]any {
	arn := jsonString(src, "arn")
	name := jsonString(src, "name")
	var prefix any
	if n, ok := name.(string); ok {
		if p := namePrefixOf(n); !p.IsNull() {
			prefix = p.ValueString()
		}
	}
	region := jsonString(src, "region")
	if region == nil {
		if a, ok := arn.(string); ok && regionOfARN(a) != "" {
			region = regionOfARN(a)
		}
	}
	out := map[string]any{
		"id":                                 arn,
		"arn":                                arn,
		"name":                               name,
		"name_prefix":                        prefix,
		"region":                             region,
		"tags":                               src["tags"],
		"tags_all":                           src["tags_all"],
		"setting":                            settingJSON(src, "setting"),
		"configuration":                      clusterConfigurationJSON(src, "s3_bucket_encryption_enabled"),
		"capacity_providers":                 nil,
		"default_capacity_provider_strategy": []any{},
		"service_connect_defaults":           serviceConnectJSON(src),
		"force_destroy":                      false,
	}
	if cp, ok := src["capacity_providers"].([]any); ok && len(cp) > 0 {
		out["capacity_providers"] = cp
		out["default_capacity_provider_strategy"] = strategyJSON(src)
	}
	return out
}

// stateFromV0 converts the state of ecsx_cluster version 0.
func stateFromV0(src map[string]any) map[string]any {
	out := map[string]any{
		"configuration":                      clusterConfigurationJSON(src, "s3_encryption_enabled"),
		"setting":                            settingJSON(src, "settings"),
		"capacity_providers":                 src["capacity_providers"],
		"default_capacity_provider_strategy": strategyJSON(src),
		"service_connect_defaults":           serviceConnectJSON(src),
		"force_destroy":                      false,
	}
	for _, k := range []string{
		"id", "arn", "name", "name_prefix", "tags", "tags_all", "status", "registered_container_instances_count",
		"running_tasks_count", "pending_tasks_count", "active_services_count", "statistics", "attachments",
		"attachments_status", "timeouts",
	} {
		out[k] = src[k]
	}
	if arn, ok := src["arn"].(string); ok && regionOfARN(arn) != "" {
		out["region"] = regionOfARN(arn)
	}
	return out
}
