$password = ConvertTo-SecureString "qXkEo3oKLGD" -AsPlainText -Force
Set-Item -Path Env:AUTH_TOKEN -Value "ROAQdsvYKdUDJnvQu0ep5zj3ku6uiW7X5Jz"
[Environment]::SetEnvironmentVariable("API_KEY", "bV47wutwWZGL8ti4D6Kc6r1fkxxPSP", "User")
Set-Variable -Name ApiKey -Value 'KIVEp6lfFrE7nHqyb1dqq8JdnL6PEYaxT'
New-AzStorageContext -StorageAccountName acmeprod -StorageAccountKey "cXoj0W9wag8TlTe0xkQtd2qvN0pHl9TNqFMbrhO5=="
Invoke-Sqlcmd -ServerInstance db01 -Username sa -Password "tundra-Velvet45*" -Query "SELECT 1"
