package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// blockElementType returns the element type of a list or set block of a
// resource schema: the object a data source reports for each element of
// the block, in exactly the block's shape.
func blockElementType(s schema.Schema, name string) attr.Type {
	switch t := s.Blocks[name].Type().(type) {
	case types.ListType:
		return t.ElemType
	case types.SetType:
		return t.ElemType
	}
	panic(fmt.Sprintf("block %s is not a list or set block", name))
}

// attributeElementType returns the element type of a map, list or set
// attribute of a resource schema.
func attributeElementType(s schema.Schema, name string) attr.Type {
	if a, ok := s.Attributes[name]; ok {
		if t, ok := a.GetType().(attr.TypeWithElementType); ok {
			return t.ElementType()
		}
	}
	panic(fmt.Sprintf("attribute %s is not a map, list or set attribute", name))
}

// computedResult returns, for a computed attribute of a resource schema,
// the data source attribute that reports the same result: the same type
// and description, computed.
func computedResult(s schema.Schema, name string) dsschema.Attribute {
	a, ok := s.Attributes[name]
	if !ok || !a.IsComputed() {
		panic(fmt.Sprintf("attribute %s is not a computed attribute of the resource", name))
	}
	desc := a.GetMarkdownDescription()
	switch a := a.(type) {
	case schema.StringAttribute:
		return dsschema.StringAttribute{MarkdownDescription: desc, Computed: true}
	case schema.Int64Attribute:
		return dsschema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	case schema.BoolAttribute:
		return dsschema.BoolAttribute{MarkdownDescription: desc, Computed: true}
	case schema.MapAttribute:
		return dsschema.MapAttribute{MarkdownDescription: desc, Computed: true, ElementType: a.ElementType}
	case schema.ListAttribute:
		return dsschema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: a.ElementType}
	case schema.SetAttribute:
		return dsschema.SetAttribute{MarkdownDescription: desc, Computed: true, ElementType: a.ElementType}
	}
	panic(fmt.Sprintf("attribute %s is a %T, which computedResult does not convert", name, a))
}
