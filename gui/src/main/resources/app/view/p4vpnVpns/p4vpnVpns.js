// p4vpn: the VPN instances table view of ONOS's GUI. The rows come from the server's
// VpnTableMessageHandler (p4vpnVpnsDataRequest / p4vpnVpnsDataResponse).
(function () {
    'use strict';

    angular.module('ovP4vpnVpns', [])
        .controller('OvP4vpnVpnsCtrl', ['$log', '$scope', 'TableBuilderService',
            function ($log, $scope, tbs) {
                tbs.buildTable({
                    scope: $scope,
                    tag: 'p4vpnVpns'
                });
                $log.log('OvP4vpnVpnsCtrl has been created');
            }]);
}());
