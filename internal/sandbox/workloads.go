package sandbox

import (
	"strconv"
	"time"
)

// Service, task and container instance statuses.
const (
	statusDraining = "DRAINING"
	statusRunning  = "RUNNING"
	statusStopped  = "STOPPED"
)

// Defaults of the workload options.
const (
	// DefaultStoppedTaskRetention is how long stopped tasks stay listed and
	// describable: "stopped tasks appear in the returned results for at least
	// one hour" (DescribeTasks).
	DefaultStoppedTaskRetention = time.Hour

	maxDescribeServices  = 10
	maxDescribeTasks     = 100
	maxDescribeInstances = 100
	maxRunTaskCount      = 10
)

// workloadCounts are a cluster's container instances, tasks and services:
// the real objects plus the test's Occupants (counted as EC2).
type workloadCounts struct {
	instances                             int
	runningEC2, runningFargate            int
	pendingEC2, pendingFargate            int
	activeEC2, activeFargate              int
	drainingEC2, drainingFargate          int
	runningTasks, pendingTasks, activeSvc int
}

func (c *cluster) counts() workloadCounts {
	o := c.Occupants
	w := workloadCounts{
		instances:  c.containerInstances(),
		runningEC2: o.RunningTasks, pendingEC2: o.PendingTasks,
		activeEC2: o.ActiveServices, drainingEC2: o.DrainingServices,
	}
	for _, t := range c.Tasks {
		if t.LastStatus == statusRunning {
			if t.LaunchType == "FARGATE" {
				w.runningFargate++
			} else {
				w.runningEC2++
			}
		}
	}
	for _, sv := range c.Services {
		lt, _, _ := placement(c, sv.LaunchType, sv.Strategy)
		fargate := lt == "FARGATE"
		switch {
		case sv.Status == statusActive && fargate:
			w.activeFargate++
		case sv.Status == statusActive:
			w.activeEC2++
		case sv.Status == statusDraining && fargate:
			w.drainingFargate++
		case sv.Status == statusDraining:
			w.drainingEC2++
		}
	}
	w.runningTasks = w.runningEC2 + w.runningFargate
	w.pendingTasks = w.pendingEC2 + w.pendingFargate
	w.activeSvc = w.activeEC2 + w.activeFargate
	return w
}

// statistics reports the counts as the STATISTICS key/value pairs, with
// string values; [] when the cluster holds nothing.
func (w workloadCounts) statistics() []keyValuePair {
	if w == (workloadCounts{}) {
		return []keyValuePair{}
	}
	itoa := strconv.Itoa
	return []keyValuePair{
		{"runningEC2TasksCount", itoa(w.runningEC2)},
		{"RunningFargateTasksCount", itoa(w.runningFargate)},
		{"pendingEC2TasksCount", itoa(w.pendingEC2)},
		{"pendingFargateTasksCount", itoa(w.pendingFargate)},
		{"activeEC2ServiceCount", itoa(w.activeEC2)},
		{"activeFargateServiceCount", itoa(w.activeFargate)},
		{"drainingEC2ServiceCount", itoa(w.drainingEC2)},
		{"drainingFargateServiceCount", itoa(w.drainingFargate)},
	}
}

// advanceWorkloads applies the due transitions of a cluster's services and
// tasks, then lets the service scheduler bring every ACTIVE service to its
// desired count:
//
//   - a DRAINING service becomes INACTIVE at DrainAt; INACTIVE services
//     and container instances are forgotten after the inactive retention;
//   - stopped tasks are forgotten after the stopped task retention.
func (s *Server) advanceWorkloads(st *store, c *cluster, now time.Time) {
	for name, sv := range c.Services {
		if sv.Status == statusDraining && !now.Before(sv.DrainAt) {
			sv.Status, sv.InactiveAt, sv.DrainAt = statusInactive, sv.DrainAt, time.Time{}
		}
		if sv.Status == statusInactive && !now.Before(sv.InactiveAt.Add(s.retention)) {
			delete(c.Services, name)
		}
	}
	for id, t := range c.Tasks {
		if t.LastStatus == statusStopped && !now.Before(t.StoppedAt.Add(s.taskRetention)) {
			delete(c.Tasks, id)
		}
	}
	for id, ci := range c.Instances {
		if ci.Status == statusInactive && !now.Before(ci.DeregisteredAt.Add(s.retention)) {
			delete(c.Instances, id)
		}
	}
	for _, name := range sortedKeys(c.Services) {
		if sv := c.Services[name]; sv.Status == statusActive {
			st.schedule(c, sv, now)
		}
	}
}
