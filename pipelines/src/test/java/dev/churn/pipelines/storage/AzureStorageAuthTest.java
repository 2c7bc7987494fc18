package dev.churn.pipelines.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import dev.churn.transforms.InvalidInputException;
import java.util.Map;
import org.junit.Test;

public class AzureStorageAuthTest {
  private static final String KEY = "c2VjcmV0LWtleS1mb3ItdGVzdHM=";

  @Test
  public void aConnectionStringGivesAccountKeyAndItsBlobEndpoint() {
    AzureStorageAuth auth =
        AzureStorageAuth.fromEnvironment(
            Map.of(
                AzureStorageAuth.CONNECTION_STRING,
                "DefaultEndpointsProtocol=http;AccountName=dev1;AccountKey=" + KEY + ";BlobEndpoint=http://127.0.0.1:10000/dev1;"));
    assertThat(auth.describe(), equalTo("account key of dev1"));
    assertThat(auth.builder(null).buildClient().getAccountUrl(), equalTo("http://127.0.0.1:10000/dev1"));
    assertThat(auth.builder("http://other:1/x").buildClient().getAccountUrl(), equalTo("http://other:1/x"));
  }

  @Test
  public void withoutBlobEndpointTheAccountsPublicEndpointIsUsed() {
    AzureStorageAuth auth =
        AzureStorageAuth.fromEnvironment(
            Map.of(AzureStorageAuth.CONNECTION_STRING, "DefaultEndpointsProtocol=https;AccountName=lake7;AccountKey=" + KEY + ";EndpointSuffix=core.chinacloudapi.cn"));
    assertThat(auth.builder(null).buildClient().getAccountUrl(), equalTo("https://lake7.blob.core.chinacloudapi.cn"));
  }

  @Test
  public void separateVariablesGiveKeySasOrAzureAd() {
    assertThat(
        AzureStorageAuth.fromEnvironment(Map.of(AzureStorageAuth.ACCOUNT, "lake7", AzureStorageAuth.KEY, KEY)).describe(),
        equalTo("account key of lake7"));
    AzureStorageAuth sas =
        AzureStorageAuth.fromEnvironment(Map.of(AzureStorageAuth.ACCOUNT, "lake7", AzureStorageAuth.SAS_TOKEN, "sv=2022-11-02&sig=abc"));
    assertThat(sas.describe(), equalTo("SAS token of lake7"));
    assertThat(sas.builder(null).buildClient().getAccountUrl(), equalTo("https://lake7.blob.core.windows.net"));
    assertThat(AzureStorageAuth.fromEnvironment(Map.of(AzureStorageAuth.ACCOUNT, "lake7")).describe(), containsString("DefaultAzureCredential"));
  }

  @Test
  public void aValueThatIsNoConnectionStringIsRefusedWithoutShowingIt() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> AzureStorageAuth.fromEnvironment(Map.of(AzureStorageAuth.CONNECTION_STRING, KEY)));
    assertThat(e.getMessage(), containsString(AzureStorageAuth.CONNECTION_STRING));
    assertThat(e.getMessage(), not(containsString(KEY)));
  }
}
