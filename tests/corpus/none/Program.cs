using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;

namespace Acme.Reports;

public sealed record ReportOptions
{
    public required string ApiKey { get; init; }
    public string? ClientSecret { get; init; }
    public string Password { get; init; } = string.Empty;
    public string Token { get; set; } = "";
}

public static class Program
{
    private const int TokenExpirySeconds = 3600;
    private const int PasswordMinLength = 12;
    private const string ApiKeyHeader = "X-API-Key";
    private const string TokenUrl = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
    private const string SecretName = "reports-api-key";

    public static async Task Main(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables(prefix: "REPORTS_")
            .AddUserSecrets(typeof(Program).Assembly)
            .Build();

        var vaultUri = new Uri(Environment.GetEnvironmentVariable("KEY_VAULT_URI") ?? "https://reports-kv.vault.azure.net/");
        var secrets = new SecretClient(vaultUri, new DefaultAzureCredential());
        KeyVaultSecret apiKeySecret = await secrets.GetSecretAsync(SecretName);

        var options = new ReportOptions
        {
            ApiKey = apiKeySecret.Value,
            ClientSecret = Environment.GetEnvironmentVariable("REPORTS_CLIENT_SECRET"),
            Password = configuration["Database:Password"] ?? string.Empty,
        };

        var credential = new ClientSecretCredential(
            configuration["AzureAd:TenantId"],
            configuration["AzureAd:ClientId"],
            options.ClientSecret);
        var token = await credential.GetTokenAsync(new Azure.Core.TokenRequestContext(new[] { "api://reports/.default" }));
        options.Token = token.Token;

        using var http = new HttpClient { BaseAddress = new Uri("https://reports.internal.acme.io/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        http.DefaultRequestHeaders.Add(ApiKeyHeader, options.ApiKey);

        var connectionString = $"Server=tcp:reports-sql.database.windows.net,1433;Database=reports;User ID=reports;Password={options.Password};Encrypt=True;";
        Console.WriteLine($"Connecting with Password=****, token expires {token.ExpiresOn:u}");
        var response = await http.GetStringAsync("v1/summary");
        Console.WriteLine(response.Length);
    }
}
