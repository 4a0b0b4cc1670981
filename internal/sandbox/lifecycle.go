package sandbox

import (
	"slices"
	"time"
)

// Cluster and attachment statuses (spec §5).
const (
	statusActive         = "ACTIVE"
	statusProvisioning   = "PROVISIONING"
	statusDeprovisioning = "DEPROVISIONING"
	statusFailed         = "FAILED"
	statusInactive       = "INACTIVE"

	updateInProgress = "UPDATE_IN_PROGRESS"
	updateComplete   = "UPDATE_COMPLETE"
	updateFailed     = "UPDATE_FAILED"
)

// Capacity provider update statuses (spec §4.11).
const (
	cpCreateInProgress = "CREATE_IN_PROGRESS"
	cpCreateComplete   = "CREATE_COMPLETE"
	cpDeleteInProgress = "DELETE_IN_PROGRESS"
	cpDeleteComplete   = "DELETE_COMPLETE"
	cpDeleteFailed     = "DELETE_FAILED"
	cpUpdateInProgress = "UPDATE_IN_PROGRESS"
	cpUpdateComplete   = "UPDATE_COMPLETE"
	cpUpdateFailed     = "UPDATE_FAILED"
)

// advance applies the transitions of a cluster that are due at now. The
// sandbox has no background work: every read of a cluster calls advance, so
// the observed status is a pure function of the injected clock.
//
//   - An attachment update (providers added or removed) completes at
//     UpdateDoneAt: attachmentsStatus UPDATE_COMPLETE, DELETING attachments
//     vanish, PROVISIONING becomes ACTIVE.
//   - A DEPROVISIONING cluster becomes INACTIVE at DeprovisionAt.
//   - Services, tasks and container instances advance (advanceWorkloads).
func (st *store) advance(c *cluster, now time.Time) {
	if st.srv != nil && (len(c.Services) > 0 || len(c.Tasks) > 0 || len(c.Instances) > 0) {
		st.srv.advanceWorkloads(st, c, now)
	}
	if len(c.ASGInstances) > 0 {
		c.pruneASGInstances(now)
	}
	if len(c.ScopedProviders) > 0 {
		st.pruneScoped(c, now)
	}
	if c.AttachmentsStatus == updateInProgress && !c.UpdateDoneAt.IsZero() && !now.Before(c.UpdateDoneAt) {
		c.AttachmentsStatus = updateComplete
		c.UpdateDoneAt = time.Time{}
		c.Attachments = dropAttachments(c.Attachments, func(a attachment) bool { return a.Status == "DELETING" })
		if c.Status == statusProvisioning {
			c.Status = statusActive
		}
	}
	if c.Status == statusDeprovisioning && !now.Before(c.DeprovisionAt) {
		st.deactivate(c, c.DeprovisionAt)
	}
}

// pruneScoped drops the cluster-scoped providers whose deletion has
// completed, from the cluster's provider list and its default strategy.
func (st *store) pruneScoped(c *cluster, now time.Time) {
	gone := func(n string) bool {
		p := st.providers[n]
		if p == nil || p.ScopedCluster != c.Name {
			return true
		}
		st.advanceProvider(p, now)
		return p.Status == statusInactive
	}
	var dropped []string
	c.ScopedProviders = slices.DeleteFunc(c.ScopedProviders, func(n string) bool {
		if gone(n) {
			dropped = append(dropped, n)
			return true
		}
		return false
	})
	if len(dropped) > 0 {
		c.Strategy = slices.DeleteFunc(c.Strategy, func(it storedStrategyItem) bool {
			return slices.Contains(dropped, it.CapacityProvider)
		})
	}
}

// usableScoped returns the cluster-scoped providers a capacity provider
// strategy of the cluster may name: ACTIVE and not being deleted.
func (st *store) usableScoped(c *cluster, now time.Time) []string {
	var out []string
	for _, n := range c.ScopedProviders {
		if p := st.providers[n]; p != nil {
			st.advanceProvider(p, now)
			if p.Status == statusActive && p.UpdateStatus != cpDeleteInProgress {
				out = append(out, n)
			}
		}
	}
	return out
}

// deactivate makes a cluster INACTIVE as of at.
func (st *store) deactivate(c *cluster, at time.Time) {
	c.Status = statusInactive
	c.InactiveAt = at
	c.DeprovisionAt = time.Time{}
	c.UpdateDoneAt = time.Time{}
	if c.AttachmentsStatus == updateInProgress {
		c.AttachmentsStatus = updateComplete
	}
	c.Attachments = dropAttachments(c.Attachments, func(a attachment) bool { return a.Type != "sc" })
	st.live--
}

func dropAttachments(list []attachment, drop func(attachment) bool) []attachment {
	out := list[:0:0]
	for _, a := range list {
		if !drop(a) {
			out = append(out, a)
		}
	}
	return out
}

// advanceProvider applies the due transitions of a capacity provider: a
// creation completes (ACTIVE, CREATE_COMPLETE) at ActiveAt, an update
// (UPDATE_COMPLETE, or UPDATE_FAILED with the prior configuration restored)
// at UpdateDoneAt, a deletion (INACTIVE, DELETE_COMPLETE) at DeleteAt.
func (st *store) advanceProvider(p *capacityProvider, now time.Time) {
	if p.Status == statusProvisioning && !now.Before(p.ActiveAt) {
		p.Status, p.UpdateStatus, p.ActiveAt = statusActive, cpCreateComplete, time.Time{}
	}
	if p.UpdateStatus == cpUpdateInProgress && !now.Before(p.UpdateDoneAt) {
		if p.FailUpdate != "" {
			p.UpdateStatus, p.UpdateStatusReason = cpUpdateFailed, p.FailUpdate
			if p.PriorASG != nil {
				p.ASG = p.PriorASG
			}
			if p.PriorMI != nil {
				p.ManagedInstances = p.PriorMI
			}
		} else {
			p.UpdateStatus = cpUpdateComplete
		}
		p.UpdateDoneAt, p.FailUpdate, p.PriorASG, p.PriorMI = time.Time{}, "", nil, nil
	}
	if p.UpdateStatus == cpDeleteInProgress && !now.Before(p.DeleteAt) {
		p.Status = statusInactive
		p.UpdateStatus = cpDeleteComplete
		p.InactiveAt = p.DeleteAt
		if p.ASGArn != "" && st.asgIndex[p.ASGArn] == p.Name {
			delete(st.asgIndex, p.ASGArn)
		}
	}
}

// getProvider returns a custom capacity provider after applying due
// transitions; expired INACTIVE providers are removed.
func (st *store) getProvider(name string, now time.Time, retention time.Duration) *capacityProvider {
	p := st.providers[name]
	if p == nil {
		return nil
	}
	st.advanceProvider(p, now)
	if p.Status == statusInactive && !now.Before(p.InactiveAt.Add(retention)) {
		delete(st.providers, name)
		return nil
	}
	return p
}
