package sandbox

import (
	"encoding/json"
	"slices"
)

// miLaunchTemplate holds the members of InstanceLaunchTemplate the sandbox
// checks; the rest of the configuration is stored as given.
type miLaunchTemplate struct {
	Ec2InstanceProfileArn *string    `json:"ec2InstanceProfileArn"`
	NetworkConfiguration  *miNetwork `json:"networkConfiguration"`
	CapacityOptionType    *string    `json:"capacityOptionType"`
	Monitoring            *string    `json:"monitoring"`
	StorageConfiguration  *struct {
		Size *int64 `json:"storageSizeGiB"`
	} `json:"storageConfiguration"`
	InstanceRequirements json.RawMessage `json:"instanceRequirements"`
}

type miNetwork struct {
	Subnets []string `json:"subnets"`
}

type miConfig struct {
	InfrastructureRoleArn      *string           `json:"infrastructureRoleArn"`
	InstanceLaunchTemplate     *miLaunchTemplate `json:"instanceLaunchTemplate"`
	PropagateTags              *string           `json:"propagateTags"`
	InfrastructureOptimization *struct {
		ScaleInAfter *int64 `json:"scaleInAfter"`
	} `json:"infrastructureOptimization"`
}

// validateManagedInstances checks a CreateManagedInstancesProviderConfiguration
// (required members, enumerations, ranges) and returns it with the service's
// defaults filled in: capacityOptionType ON_DEMAND, monitoring BASIC,
// propagateTags NONE.
func validateManagedInstances(raw json.RawMessage) (json.RawMessage, *apiError) {
	var cfg miConfig
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return nil, errorf("SerializationException", "Unexpected value for member \"managedInstancesProvider\".")
	}
	if cfg.InfrastructureRoleArn == nil || *cfg.InfrastructureRoleArn == "" {
		return nil, invalidParam("managedInstancesProvider.infrastructureRoleArn is required.")
	}
	lt := cfg.InstanceLaunchTemplate
	if lt == nil {
		return nil, invalidParam("managedInstancesProvider.instanceLaunchTemplate is required.")
	}
	if lt.Ec2InstanceProfileArn == nil || *lt.Ec2InstanceProfileArn == "" {
		return nil, invalidParam("managedInstancesProvider.instanceLaunchTemplate.ec2InstanceProfileArn is required.")
	}
	if lt.NetworkConfiguration == nil || len(lt.NetworkConfiguration.Subnets) == 0 {
		return nil, invalidParam("managedInstancesProvider.instanceLaunchTemplate.networkConfiguration.subnets must contain at least one subnet.")
	}
	if err := oneOf("instanceLaunchTemplate.capacityOptionType", lt.CapacityOptionType, "ON_DEMAND", "SPOT", "RESERVED"); err != nil {
		return nil, err
	}
	if err := oneOf("instanceLaunchTemplate.monitoring", lt.Monitoring, "BASIC", "DETAILED"); err != nil {
		return nil, err
	}
	if err := oneOf("propagateTags", cfg.PropagateTags, "CAPACITY_PROVIDER", "NONE"); err != nil {
		return nil, err
	}
	if sc := lt.StorageConfiguration; sc != nil && (sc.Size == nil || *sc.Size < 1) {
		return nil, invalidParam("managedInstancesProvider.instanceLaunchTemplate.storageConfiguration.storageSizeGiB must be at least 1.")
	}
	if io := cfg.InfrastructureOptimization; io != nil && io.ScaleInAfter != nil && (*io.ScaleInAfter < -1 || *io.ScaleInAfter > 3600) {
		return nil, invalidParam("managedInstancesProvider.infrastructureOptimization.scaleInAfter must be -1 or between 0 and 3600.")
	}
	if len(lt.InstanceRequirements) > 0 && string(lt.InstanceRequirements) != "null" {
		var ir struct {
			VCPU *struct {
				Min *int64 `json:"min"`
			} `json:"vCpuCount"`
			Mem *struct {
				Min *int64 `json:"min"`
			} `json:"memoryMiB"`
		}
		_ = json.Unmarshal(lt.InstanceRequirements, &ir)
		if ir.VCPU == nil || ir.VCPU.Min == nil || ir.Mem == nil || ir.Mem.Min == nil {
			return nil, invalidParam("managedInstancesProvider.instanceLaunchTemplate.instanceRequirements requires vCpuCount.min and memoryMiB.min.")
		}
	}

	var m, ltm map[string]json.RawMessage
	_ = json.Unmarshal(raw, &m)
	_ = json.Unmarshal(m["instanceLaunchTemplate"], &ltm)
	setDefault(ltm, "capacityOptionType", "ON_DEMAND")
	setDefault(ltm, "monitoring", "BASIC")
	setDefault(m, "propagateTags", "NONE")
	m["instanceLaunchTemplate"], _ = json.Marshal(ltm)
	out, _ := json.Marshal(m)
	return out, nil
}

func oneOf(member string, v *string, valid ...string) *apiError {
	if v == nil || slices.Contains(valid, *v) {
		return nil
	}
	return invalidParam("Invalid value %q for managedInstancesProvider.%s. Valid values: %v.", *v, member, valid)
}

func setDefault(m map[string]json.RawMessage, key, value string) {
	if v, ok := m[key]; !ok || string(v) == "null" {
		m[key], _ = json.Marshal(value)
	}
}
