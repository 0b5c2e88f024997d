curl https://svc:Summer2017%3Fl@registry.acme.io/v2/_catalog
