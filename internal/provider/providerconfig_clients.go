package provider

import (
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
)

// regionalClients holds one ECS client per region other than the
// provider's, built on first use from the provider's client.
type regionalClients struct {
	mu      sync.Mutex
	clients map[string]*ecs.Client
}

// regionOr returns region, or the provider's region when region is empty.
func (d *providerData) regionOr(region string) string {
	if region == "" {
		return d.Region
	}
	return region
}

// ecsIn returns the ECS client of region: the provider's own client for its
// region (or an empty region), otherwise a client with the same credentials,
// endpoint and retries that signs for region.
func (d *providerData) ecsIn(region string) *ecs.Client {
	if region == "" || region == d.Region {
		return d.ECS
	}
	d.regional.mu.Lock()
	defer d.regional.mu.Unlock()
	if c, ok := d.regional.clients[region]; ok {
		return c
	}
	if d.regional.clients == nil {
		d.regional.clients = map[string]*ecs.Client{}
	}
	c := ecs.New(d.ECS.Options(), func(o *ecs.Options) { o.Region = region })
	d.regional.clients[region] = c
	return c
}
