//go:build go1.18
// +build go1.18

// Copyright (c) Microsoft Corporation. All rights reserved.
// Licensed under the MIT License. See License.txt in the project root for license information.

package exported

const (
	ModuleName    = "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	ModuleVersion = "v1.6.0"
)
