#!/bin/sh
# Starts the silo, advertising the container's own address to the cluster unless told one
# (--advertise or RiskGrid__AdvertisedAddress): with no fixed subnet the address is only known at run time.
set -eu
if [ -z "${RiskGrid__AdvertisedAddress:-}" ]; then
  RiskGrid__AdvertisedAddress=$(hostname -i | awk '{print $1}')
  export RiskGrid__AdvertisedAddress
fi
exec dotnet /app/RiskGrid.Silo.dll "$@"
