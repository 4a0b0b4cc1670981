package provider

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

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

// movedSource checks the source of a move to target (hashicorp/aws's
// source type, schema version 0) and decodes its state.
func movedSource(req resource.MoveStateRequest, target, source string, diags *diag.Diagnostics) (map[string]any, bool) {
	if req.SourceTypeName != source || !isHashicorpAWS(req.SourceProviderAddress) {
		diags.AddError("Unsupported move source",
			fmt.Sprintf("%s can take over the state of hashicorp/aws's %s only, not of %s (provider %s). "+
				"To bring another resource under ecsx, use an import block.", target, source, req.SourceTypeName, req.SourceProviderAddress))
		return nil, false
	}
	if req.SourceSchemaVersion != 0 {
		diags.AddError("Unsupported state version",
			fmt.Sprintf("%s knows schema version 0 of %s (hashicorp/aws v5 and v6), not version %d. "+
				"Remove the resource from the state (a removed block with destroy = false) and import it into %s instead.",
				target, source, req.SourceSchemaVersion, target))
		return nil, false
	}
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		diags.AddError("Missing source state", "Terraform sent no state of the "+source+" to move.")
		return nil, false
	}
	src, err := decodeState(req.SourceRawState.JSON)
	if err != nil {
		diags.AddError("Unreadable source state", "The state of the "+source+" could not be read: "+err.Error())
		return nil, false
	}
	return src, true
}

// stateValueOf converts a state in JSON shape into a value of typ.
func stateValueOf(typ tftypes.Type, state map[string]any, target string) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	b, err := json.Marshal(state)
	if err == nil {
		var v tftypes.Value
		v, err = (&tfprotov6.RawState{JSON: b}).UnmarshalWithOpts(typ, tfprotov6.UnmarshalOpts{})
		if err == nil {
			return v, diags
		}
	}
	diags.AddError("State conversion failed",
		"The state could not be converted to "+target+"'s schema. This is always an error in the provider; please report it:\n\n"+err.Error())
	return tftypes.Value{}, diags
}

// shapeLike takes from a decoded SDKv2 state what fits typ, an ecsx schema
// type: attributes ecsx does not have are dropped, those it has that the
// source lacks are null (blocks: empty). SDKv2 writes unset strings as ""
// and unset sets as []: both become null, so that they match a
// configuration that leaves them out.
func shapeLike(typ tftypes.Type, v any) any {
	switch t := typ.(type) {
	case tftypes.Object:
		m, ok := v.(map[string]any)
		if !ok {
			if objs := jsonObjects(v); len(objs) > 0 {
				m = objs[0]
			} else {
				return nil
			}
		}
		out := make(map[string]any, len(t.AttributeTypes))
		for name, at := range t.AttributeTypes {
			out[name] = shapeLike(at, m[name])
		}
		return out
	case tftypes.List:
		return shapeCollection(t.ElementType, v)
	case tftypes.Set:
		return shapeCollection(t.ElementType, v)
	case tftypes.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		return m
	}
	switch {
	case typ.Is(tftypes.String):
		if s, ok := v.(string); ok && s != "" {
			return s
		}
	case typ.Is(tftypes.Number):
		if n, ok := v.(json.Number); ok {
			return n
		}
	case typ.Is(tftypes.Bool):
		if b, ok := v.(bool); ok {
			return b
		}
	}
	return nil
}

// shapeCollection converts a list or set: of objects (a block, always a
// list, empty when absent) or of primitives (null when absent or empty).
func shapeCollection(elem tftypes.Type, v any) any {
	if obj, ok := elem.(tftypes.Object); ok {
		out := []any{}
		for _, o := range jsonObjects(v) {
			out = append(out, shapeLike(obj, o))
		}
		return out
	}
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return nil
	}
	out := make([]any, 0, len(arr))
	for _, e := range arr {
		if s := shapeLike(elem, e); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// firstJSONBlock returns the first object of a converted block list.
func firstJSONBlock(v any) map[string]any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		m, _ := l[0].(map[string]any)
		return m
	}
	return nil
}

// orDefault sets m[key] to def when it is null.
func orDefault(m map[string]any, key string, def any) {
	if m != nil && m[key] == nil {
		m[key] = def
	}
}

// numberIs reports whether a converted number is n; null counts as n.
func numberIs(v any, n int64) bool {
	if v == nil {
		return true
	}
	num, ok := v.(json.Number)
	if !ok {
		return false
	}
	i, err := num.Int64()
	return err == nil && i == n
}
