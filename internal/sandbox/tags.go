package sandbox

import (
	"slices"
	"time"
)

// taggable is a resource found by ARN: a cluster or a custom capacity
// provider.
type taggable struct {
	tags *[]storedTag
}

// findTaggable resolves the resourceArn of the tagging operations (spec
// §4.8). notFound is the error type for a missing non-cluster resource.
func (s *Server) findTaggable(st *store, arn *string, now time.Time, notFound string) (taggable, *apiError) {
	if arn == nil || *arn == "" {
		return taggable{}, invalidParam("The resourceArn parameter is required.")
	}
	typ, id, ok, mine := st.parseARN(*arn)
	if !ok {
		return taggable{}, invalidParam("The ARN provided is invalid.")
	}
	switch typ {
	case "cluster":
		var cl *cluster
		if mine && validName(id) {
			cl = st.getCluster(id, now, s.retention)
		}
		if cl == nil {
			return taggable{}, errorf("ClusterNotFoundException", "Cluster not found.")
		}
		if cl.Status == statusInactive {
			return taggable{}, errInactive()
		}
		return taggable{tags: &cl.Tags}, nil
	case "capacity-provider":
		var p *capacityProvider
		if mine && !isBuiltin(id) {
			p = st.getProvider(id, now, s.retention)
		}
		if p == nil || p.Status == statusInactive {
			return taggable{}, errorf(notFound, "The specified resource could not be found.")
		}
		return taggable{tags: &p.Tags}, nil
	}
	return taggable{}, invalidParam("The ARN provided is invalid. Supported resource types: cluster, capacity-provider.")
}

// tagResource implements TagResource: tags are merged, existing keys
// overwritten.
func (s *Server) tagResource(c *call, body []byte) (any, *apiError) {
	var in struct {
		ResourceArn *string `json:"resourceArn"`
		Tags        []tag   `json:"tags"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.Tags == nil {
		return nil, invalidParam("The tags parameter is required.")
	}
	st := s.store(c.account, c.region)
	r, err := s.findTaggable(st, in.ResourceArn, c.now, "ResourceNotFoundException")
	if err != nil {
		return nil, err
	}
	add, err := validateTags(in.Tags)
	if err != nil {
		return nil, err
	}
	merged, err := mergeTags(*r.tags, add)
	if err != nil {
		return nil, err
	}
	*r.tags = merged
	return struct{}{}, nil
}

// untagResource implements UntagResource: the listed keys are removed;
// unknown keys are ignored, reserved ones refused.
func (s *Server) untagResource(c *call, body []byte) (any, *apiError) {
	var in struct {
		ResourceArn *string  `json:"resourceArn"`
		TagKeys     []string `json:"tagKeys"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.TagKeys == nil {
		return nil, invalidParam("The tagKeys parameter is required.")
	}
	remove := make(map[string]bool, len(in.TagKeys))
	for _, k := range in.TagKeys {
		if reserved(k) {
			return nil, invalidParam("Tag keys may not begin with the reserved prefix \"aws:\".")
		}
		remove[k] = true
	}
	st := s.store(c.account, c.region)
	r, err := s.findTaggable(st, in.ResourceArn, c.now, "ResourceNotFoundException")
	if err != nil {
		return nil, err
	}
	*r.tags = slices.DeleteFunc(slices.Clone(*r.tags), func(t storedTag) bool { return remove[t.Key] })
	return struct{}{}, nil
}

// listTagsForResource implements ListTagsForResource.
func (s *Server) listTagsForResource(c *call, body []byte) (any, *apiError) {
	var in struct {
		ResourceArn *string `json:"resourceArn"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	r, err := s.findTaggable(st, in.ResourceArn, c.now, "InvalidParameterException")
	if err != nil {
		return nil, err
	}
	return struct {
		Tags []storedTag `json:"tags"`
	}{append([]storedTag{}, *r.tags...)}, nil
}
