package sandbox

import (
	"fmt"
	"time"
)

// asgInstances are the container instances that an Auto Scaling group has
// registered in a cluster. The sandbox has no Auto Scaling API: a test
// registers them through SetAutoScalingGroupInstances (or POST
// /_sandbox/autoscaling-groups). Once the group's capacity provider is
// deleted they deregister after the scale-in delay, as the group's
// instances do when the group is scaled in or deleted after its provider.
type asgInstances struct {
	GroupARN  string
	Count     int
	ScaleInAt time.Time `json:",omitzero"` // the instances deregister at this time
}

// containerInstances is the number of container instances registered in c:
// the registered ones, the occupants' and those of Auto Scaling groups not yet
// scaled in (advance drops those whose scale-in is due).
func (c *cluster) containerInstances() int {
	n := c.Occupants.ContainerInstances + c.registeredInstances()
	for _, g := range c.ASGInstances {
		n += g.Count
	}
	return n
}

// pruneASGInstances drops the groups whose instances have deregistered by
// now.
func (c *cluster) pruneASGInstances(now time.Time) {
	out := c.ASGInstances[:0]
	for _, g := range c.ASGInstances {
		if g.ScaleInAt.IsZero() || now.Before(g.ScaleInAt) {
			out = append(out, g)
		}
	}
	if len(out) == 0 {
		out = nil
	}
	c.ASGInstances = out
}

// scaleInGroup schedules the deregistration of the instances of the Auto
// Scaling group arn in every cluster of st.
func (st *store) scaleInGroup(arn string, at time.Time) {
	for _, c := range st.clusters {
		for i := range c.ASGInstances {
			g := &c.ASGInstances[i]
			if g.GroupARN == arn && (g.ScaleInAt.IsZero() || at.Before(g.ScaleInAt)) {
				g.ScaleInAt = at
			}
		}
	}
}

// SetAutoScalingGroupInstances registers n container instances of the Auto
// Scaling group groupARN in a cluster, replacing the group's earlier count
// there (0 deregisters them). "" account and region mean the defaults;
// cluster is a name or an ARN. When the group's capacity provider is already
// being deleted, the instances are scaled in as for a group registered
// before the deletion.
func (s *Server) SetAutoScalingGroupInstances(account, region, cluster, groupARN string, n int) error {
	if n < 0 {
		return fmt.Errorf("sandbox: the instance count must not be negative")
	}
	if !isARN(groupARN) {
		return fmt.Errorf("sandbox: %q is not an Auto Scaling group ARN", groupARN)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.hookCluster(account, region, cluster)
	if err != nil {
		return err
	}
	if c.Status == statusInactive {
		return fmt.Errorf("sandbox: cluster %q is INACTIVE", c.Name)
	}
	now := s.opts.Now()
	c.pruneASGInstances(now)
	var scaleIn time.Time
	st := s.lookupStore(account, region)
	for _, p := range st.providers {
		st.advanceProvider(p, now)
		if p.ASGArn == groupARN && !p.DeleteAt.IsZero() && (p.UpdateStatus == cpDeleteInProgress || p.UpdateStatus == cpDeleteComplete) {
			scaleIn = p.DeleteAt.Add(s.scaleIn)
		}
	}
	for i := range c.ASGInstances {
		if c.ASGInstances[i].GroupARN == groupARN {
			c.ASGInstances = append(c.ASGInstances[:i], c.ASGInstances[i+1:]...)
			break
		}
	}
	if n > 0 {
		c.ASGInstances = append(c.ASGInstances, asgInstances{GroupARN: groupARN, Count: n, ScaleInAt: scaleIn})
	}
	s.generation++
	return nil
}
