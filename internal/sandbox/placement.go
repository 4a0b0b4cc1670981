package sandbox

import (
	"slices"
	"time"
)

// Where tasks and services run: capacity provider strategies and launch
// types.

// strategyItems validates a capacity provider strategy of a task or
// service: every provider associated with the cluster, weights 0-1000, bases
// 0-100000, one base at most.
func (st *store) strategyItems(c *cluster, items []strategyItem, now time.Time) ([]storedStrategyItem, *apiError) {
	if len(items) == 0 {
		return nil, nil
	}
	associated := append(slices.Clone(c.CapacityProviders), st.usableScoped(c, now)...)
	return validateStrategy(items, associated)
}

// placement decides how a task of launch type lt (or strategy) runs in c:
// the launch type and capacity provider it reports, and whether it needs a
// registered container instance. Without both, the cluster's default
// strategy applies, and without one the EC2 launch type.
func placement(c *cluster, lt string, strategy []storedStrategyItem) (launchType, provider string, needsInstance bool) {
	if lt == "" && len(strategy) == 0 {
		strategy = c.Strategy
	}
	if lt != "" || len(strategy) == 0 {
		if lt == "" {
			lt = "EC2"
		}
		return lt, "", lt == "EC2" || lt == "EXTERNAL"
	}
	provider = strategyProvider(strategy)
	if provider == "FARGATE" || provider == "FARGATE_SPOT" {
		return "FARGATE", provider, false
	}
	return "EC2", provider, false
}

// strategyProvider is the provider of a strategy that places the first
// task: the one with a base, else the first with a weight, else the first.
func strategyProvider(strategy []storedStrategyItem) string {
	for _, it := range strategy {
		if it.Base > 0 {
			return it.CapacityProvider
		}
	}
	for _, it := range strategy {
		if it.Weight > 0 {
			return it.CapacityProvider
		}
	}
	return strategy[0].CapacityProvider
}

func validLaunchType(lt string) bool {
	switch lt {
	case "", "EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES":
		return true
	}
	return false
}
