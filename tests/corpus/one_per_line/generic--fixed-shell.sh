mysql -u root -p'orbit-Harbor54!' orders < dump.sql
PGPASSWORD=Copper2020#s psql -h db.internal -U orders orders
docker login -u ci -p PkmMQ*NFl898 registry.acme.io
aws configure set aws_secret_access_key wmfr8CSEpWAHvWJahVHvrfyOfK2Q+tMH/sszXQ49
gh secret set API_KEY --body "f0pCngHcS7oxNj3ZnKEgBca"
kubectl create secret generic db --from-literal=password=orbit.Meadow81*
sshpass -p 'ember-Bison63*' ssh deploy@10.0.4.12
: "${API_TOKEN:=8WF14zYk4iSJEEIAjCbp}"
helm upgrade orders ./chart --set secrets.apiKey=iPk3oeKrrmZqGrSC8NJDWBegbV
docker run -e API_KEY=1jf3Wn7ZVPULvrHqLcGRQBP3p1resV registry.acme.io/orders:1.4
export VAULT_TOKEN=hvs.gnpjDjLtgdGpUOQ2kgSo
