package sandbox

import (
	"encoding/json"
	"strconv"
	"time"
)

// Wire shapes. Member names are those of the SDK schemas (spec §3). Input
// shapes use pointers where the presence of a member matters; output shapes
// use omitzero so that nil slices are omitted and empty ones are sent as [].

type tag struct {
	Key   *string `json:"key,omitempty"`
	Value *string `json:"value,omitempty"`
}

// storedTag is a validated tag.
type storedTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type keyValuePair struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type clusterSetting struct {
	Name  string `json:"name,omitempty"`
	Value string `json:"value,omitempty"`
}

type execLogConfiguration struct {
	CloudWatchLogGroupName      string `json:"cloudWatchLogGroupName,omitempty"`
	CloudWatchEncryptionEnabled bool   `json:"cloudWatchEncryptionEnabled"`
	S3BucketName                string `json:"s3BucketName,omitempty"`
	S3EncryptionEnabled         bool   `json:"s3EncryptionEnabled"`
	S3KeyPrefix                 string `json:"s3KeyPrefix,omitempty"`
}

type executeCommandConfiguration struct {
	KmsKeyID         string                `json:"kmsKeyId,omitempty"`
	Logging          string                `json:"logging,omitempty"`
	LogConfiguration *execLogConfiguration `json:"logConfiguration,omitempty"`
}

type managedStorageConfiguration struct {
	KmsKeyID                        string `json:"kmsKeyId,omitempty"`
	FargateEphemeralStorageKmsKeyID string `json:"fargateEphemeralStorageKmsKeyId,omitempty"`
}

type clusterConfiguration struct {
	ExecuteCommandConfiguration *executeCommandConfiguration `json:"executeCommandConfiguration,omitempty"`
	ManagedStorageConfiguration *managedStorageConfiguration `json:"managedStorageConfiguration,omitempty"`
}

type strategyItem struct {
	CapacityProvider *string `json:"capacityProvider,omitempty"`
	Weight           *int64  `json:"weight,omitempty"`
	Base             *int64  `json:"base,omitempty"`
}

// storedStrategyItem is echoed with base and weight even when 0 (spec §7).
type storedStrategyItem struct {
	CapacityProvider string `json:"capacityProvider"`
	Weight           int64  `json:"weight"`
	Base             int64  `json:"base"`
}

type serviceConnectDefaults struct {
	Namespace *string `json:"namespace,omitempty"`
}

type attachment struct {
	ID      string         `json:"id"`
	Type    string         `json:"type"`
	Status  string         `json:"status"`
	Details []keyValuePair `json:"details"`
}

type failure struct {
	Arn    string `json:"arn,omitempty"`
	Reason string `json:"reason,omitempty"`
	Detail string `json:"detail,omitempty"`
}

type clusterOut struct {
	ClusterArn                        string                  `json:"clusterArn"`
	ClusterName                       string                  `json:"clusterName"`
	Configuration                     *clusterConfiguration   `json:"configuration,omitempty"`
	Status                            string                  `json:"status"`
	RegisteredContainerInstancesCount int                     `json:"registeredContainerInstancesCount"`
	RunningTasksCount                 int                     `json:"runningTasksCount"`
	PendingTasksCount                 int                     `json:"pendingTasksCount"`
	ActiveServicesCount               int                     `json:"activeServicesCount"`
	Statistics                        []keyValuePair          `json:"statistics,omitzero"`
	Tags                              []storedTag             `json:"tags,omitzero"`
	Settings                          []clusterSetting        `json:"settings,omitzero"`
	CapacityProviders                 []string                `json:"capacityProviders"`
	DefaultCapacityProviderStrategy   []storedStrategyItem    `json:"defaultCapacityProviderStrategy"`
	Attachments                       []attachment            `json:"attachments,omitzero"`
	AttachmentsStatus                 string                  `json:"attachmentsStatus,omitempty"`
	ServiceConnectDefaults            *serviceConnectDefaults `json:"serviceConnectDefaults,omitempty"`
}

type managedScaling struct {
	Status                 string `json:"status,omitempty"`
	TargetCapacity         *int64 `json:"targetCapacity,omitempty"`
	MinimumScalingStepSize *int64 `json:"minimumScalingStepSize,omitempty"`
	MaximumScalingStepSize *int64 `json:"maximumScalingStepSize,omitempty"`
	InstanceWarmupPeriod   *int64 `json:"instanceWarmupPeriod,omitempty"`
}

type autoScalingGroupProvider struct {
	AutoScalingGroupArn          *string         `json:"autoScalingGroupArn,omitempty"`
	ManagedScaling               *managedScaling `json:"managedScaling,omitempty"`
	ManagedTerminationProtection string          `json:"managedTerminationProtection,omitempty"`
	ManagedDraining              string          `json:"managedDraining,omitempty"`
}

type capacityProviderOut struct {
	CapacityProviderArn      string                    `json:"capacityProviderArn"`
	Name                     string                    `json:"name"`
	Cluster                  string                    `json:"cluster,omitempty"`
	Status                   string                    `json:"status"`
	AutoScalingGroupProvider *autoScalingGroupProvider `json:"autoScalingGroupProvider,omitempty"`
	ManagedInstancesProvider json.RawMessage           `json:"managedInstancesProvider,omitempty"`
	UpdateStatus             string                    `json:"updateStatus,omitempty"`
	UpdateStatusReason       string                    `json:"updateStatusReason,omitempty"`
	Tags                     []storedTag               `json:"tags,omitzero"`
	Type                     string                    `json:"type,omitempty"`
}

// timestamp is a time sent as epoch seconds, as awsJson1_1 encodes
// timestamps.
type timestamp struct{ time.Time }

func (t timestamp) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(float64(t.UnixMilli())/1e3, 'f', -1, 64)), nil
}

// stamp returns t as a wire timestamp.
func stamp(t time.Time) timestamp { return timestamp{t} }

// nonNil returns s, or an empty slice for nil, so that it is sent as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
