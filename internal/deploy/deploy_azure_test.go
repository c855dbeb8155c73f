//go:build azure

package deploy_test

import (
	"context"
	"net"
	"os/exec"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
)

func init() {
	servers = append(servers, server{name: "azblob", start: startAzure, gunzips: true})
	builtIn["azblob"] = true
}

// azuriteVersion is the Azure Storage emulator the tests run, the newest
// that runs on Node 20 (later ones need Node 21 or 22); .ci/run installs
// it.
const azuriteVersion = "3.35.0"

// The emulator's storage account. The key is the test's own (any base64
// text), not Azurite's well-known one; it is the same in every test,
// since azureblob reads the credentials of the environment only once.
const azureAccount, azureKey = "furusato", "ZnVydXNhdG8tdGVzdC1rZXktZm9yLWF6dXJpdGUtb25seQ=="

// startAzure starts Azurite's blob service on a free loopback port, in
// memory and without telemetry, with a container "site", and returns the
// target URL. azureblob reaches it through the URL's domain and protocol,
// with the account and key from AZURE_STORAGE_ACCOUNT and
// AZURE_STORAGE_KEY, as for Azure itself.
func startAzure(t *testing.T) string {
	t.Helper()
	bin := tool(t, "azurite-blob", "npm install -g azurite@"+azuriteVersion)
	addr := loopbackAddr(t)
	host, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command(bin,
		"--blobHost", host, "--blobPort", port,
		"--inMemoryPersistence",
		"--disableTelemetry", "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent")
	cmd.Dir = t.TempDir()
	cmd.Env = append(cmd.Environ(), "AZURITE_ACCOUNTS="+azureAccount+":"+azureKey)
	startServer(t, cmd, addr)
	for k, v := range map[string]string{
		"AZURE_STORAGE_ACCOUNT": azureAccount,
		"AZURE_STORAGE_KEY":     azureKey,
		// Nothing else of the environment may choose other credentials
		// or another service.
		"AZURE_STORAGE_SAS_TOKEN":            "",
		"AZURE_STORAGE_CONNECTION_STRING":    "",
		"AZURE_STORAGEBLOB_CONNECTIONSTRING": "",
		"AZURE_STORAGE_DOMAIN":               "",
		"AZURE_STORAGE_PROTOCOL":             "",
		"AZURE_STORAGE_IS_CDN":               "",
		"AZURE_STORAGE_IS_LOCAL_EMULATOR":    "",
	} {
		t.Setenv(k, v)
	}
	cred, err := container.NewSharedKeyCredential(azureAccount, azureKey)
	if err != nil {
		t.Fatal(err)
	}
	c, err := container.NewClientWithSharedKeyCredential("http://"+addr+"/"+azureAccount+"/site", cred, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Create(context.Background(), nil); err != nil {
		t.Fatalf("creating the container: %v", err)
	}
	return "azblob://site?protocol=http&domain=" + addr + "&localemu=true"
}
