package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// privateImported marks, in the private state, a cluster imported and not
// read yet: its first Read takes everything the cluster has into the state.
const privateImported = "imported"

// privateSettingAdopted marks a setting that an import or a move took into
// the state although no configuration set it. Removing it from the state is
// then only an alignment with the configuration: the cluster keeps what the
// account or its previous owner chose, and no call is made. A setting block
// in the configuration clears the mark.
const privateSettingAdopted = "setting_adopted"

// The mark lives through one refresh after the import or move (the plan
// and apply that follow it) and is dropped by the next: only that first
// apply treats a missing setting block as an alignment.
var (
	settingAdoptedFresh = []byte(`1`)
	settingAdoptedAged  = []byte(`2`)
)

// ageSettingAdopted advances the mark of an adopted setting by one refresh.
func ageSettingAdopted(ctx context.Context, from interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}, to interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}) diag.Diagnostics {
	if from == nil || to == nil {
		return nil
	}
	v, diags := from.GetKey(ctx, privateSettingAdopted)
	switch string(v) {
	case "":
		return diags
	case string(settingAdoptedFresh):
		diags.Append(to.SetKey(ctx, privateSettingAdopted, settingAdoptedAged)...)
	default:
		diags.Append(to.SetKey(ctx, privateSettingAdopted, nil)...)
	}
	return diags
}

// hasPrivateKey reports whether the private state carries a mark.
func hasPrivateKey(ctx context.Context, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}, key string) (bool, diag.Diagnostics) {
	if private == nil {
		return false, nil
	}
	v, diags := private.GetKey(ctx, key)
	return len(v) > 0, diags
}

// isImported reports whether the private state carries the import mark.
func isImported(ctx context.Context, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}) (bool, diag.Diagnostics) {
	return hasPrivateKey(ctx, private, privateImported)
}

// clusterImportID is a parsed import ID.
type clusterImportID struct {
	name, region, account, partition string
	arn                              bool
}

// parseClusterImportID parses an import ID: a cluster name, name@region
// (hashicorp/aws's form for another region), or a cluster ARN. The message
// of an error says what is wrong and what is expected.
func parseClusterImportID(id string) (clusterImportID, string) {
	const expected = "Expected a cluster name (such as `web`), `name@region` (such as `web@eu-west-1`), or a cluster ARN (`arn:aws:ecs:eu-west-1:123456789012:cluster/web`)."
	id = strings.TrimSpace(id)
	if m := arnPattern.FindStringSubmatch(id); m != nil {
		partition, service, region, account, res := m[1], m[2], m[3], m[4], m[5]
		if service != "ecs" {
			return clusterImportID{}, fmt.Sprintf("%q is an ARN of the %q service, not of an ECS cluster. %s", id, service, expected)
		}
		kind, rest, _ := strings.Cut(res, "/")
		if kind != "cluster" {
			return clusterImportID{}, fmt.Sprintf("%q is the ARN of an ECS %s, not of a cluster. %s", id, kind, expected)
		}
		if !regionPattern.MatchString(region) {
			return clusterImportID{}, fmt.Sprintf("%q has no valid region (%q). %s", id, region, expected)
		}
		if want := partitionOf(region); partition != want {
			return clusterImportID{}, fmt.Sprintf("%q names partition %q, but region %s is in partition %q.", id, partition, region, want)
		}
		if !accountIDPattern.MatchString(account) {
			return clusterImportID{}, fmt.Sprintf("%q has no valid account ID (%q). %s", id, account, expected)
		}
		if !validators.ValidClusterName(rest) {
			return clusterImportID{}, fmt.Sprintf("%q has no valid cluster name: 1-255 letters, digits, hyphens and underscores. %s", id, expected)
		}
		return clusterImportID{name: rest, region: region, account: account, partition: partition, arn: true}, ""
	}
	name, region, hasRegion := strings.Cut(id, "@")
	if hasRegion && !regionPattern.MatchString(region) {
		return clusterImportID{}, fmt.Sprintf("%q names region %q, which is not an AWS region name such as eu-west-1. %s", id, region, expected)
	}
	if !validators.ValidClusterName(name) {
		return clusterImportID{}, fmt.Sprintf("%q is not a cluster name (1-255 letters, digits, hyphens and underscores) or ARN. %s", id, expected)
	}
	return clusterImportID{name: name, region: region}, ""
}

// ImportState looks the cluster up, so that a wrong ID gets an error of its
// own instead of Terraform's "non-existent remote object", and records its
// ARN and region. The first Read after it takes everything the cluster has
// into the state.
func (r *clusterResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID := req.ID
	if importID == "" && req.Identity != nil && !req.Identity.Raw.IsNull() {
		// An import block with identity (Terraform 1.12 and later).
		var d diag.Diagnostics
		importID, d = importIDFromIdentity(ctx, req.Identity)
		resp.Diagnostics.Append(d...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	id, problem := parseClusterImportID(importID)
	if problem != "" {
		resp.Diagnostics.AddError("Invalid import ID", problem)
		return
	}
	region := r.data.regionOr(id.region)
	lookup := id.name
	if id.arn {
		// The ARN as parsed: without the spaces parseClusterImportID trims.
		lookup = strings.TrimSpace(importID)
	}
	c, err := findLiveCluster(ctx, r.data.ecsIn(region), lookup)
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("look up cluster %q to import it", importID), err))
		return
	}
	if c == nil || (id.arn && accountOfARN(aws.ToString(c.ClusterArn)) != id.account) {
		detail := fmt.Sprintf("No active ECS cluster %q exists in region %s of the account of the provider's credentials.", id.name, region)
		switch {
		case id.arn && c != nil:
			detail += fmt.Sprintf(" The ARN names account %s, but the provider's credentials belong to account %s: "+
				"ECS shows clusters of the caller's own account only, so import it with a provider configured for account %s "+
				"(for example with assume_role).", id.account, accountOfARN(aws.ToString(c.ClusterArn)), id.account)
		case id.arn:
			detail += fmt.Sprintf(" If account %s, which the ARN names, is not the account of the provider's credentials, "+
				"import it with a provider configured for that account (for example with assume_role): "+
				"ECS shows clusters of the caller's own account only.", id.account)
		case id.region == "":
			detail += " To import a cluster of another region, give its ARN or name@region."
		}
		resp.Diagnostics.AddError("Cluster not found", detail)
		return
	}
	arn := aws.ToString(c.ClusterArn)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), arn)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("arn"), arn)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("region"), region)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, []byte(`true`))...)
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, clusterIdentityModel{
			AccountID: types.StringValue(accountOfARN(arn)),
			Region:    types.StringValue(region),
			Name:      types.StringValue(aws.ToString(c.ClusterName)),
		})...)
	}
}
