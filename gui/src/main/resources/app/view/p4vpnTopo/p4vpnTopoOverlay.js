// p4vpn: the VPN overlay of ONOS's topology view. The "next VPN" button (or key V) steps through
// the VPN instances; the server (VpnOverlayMessageHandler) answers each with showHighlights: the
// VPN's PEs badged with their site counts, the links its LSPs cross labelled with their labels.
(function () {
    'use strict';

    var $log, tov, wss, flash;
    var vpns = [];
    var current = -1;

    function requestVpns() {
        wss.sendEvent('p4vpnTopoVpnsRequest');
    }

    function showNext() {
        if (!vpns.length) {
            flash.flash('No VPN instances');
            return;
        }
        current = (current + 1) % vpns.length;
        wss.sendEvent('p4vpnTopoShowVpn', { vpn: vpns[current] });
        flash.flash('VPN ' + vpns[current]);
    }

    function clear() {
        current = -1;
        wss.sendEvent('p4vpnTopoClear');
    }

    var overlay = {
        overlayId: 'p4vpn-overlay',
        glyphId: 'm_cloud',
        tooltip: 'p4vpn: highlight a VPN and its LSPs',
        activate: function () {
            wss.bindHandlers({ p4vpnTopoVpnsResponse: function (data) { vpns = data.vpns || []; } });
            requestVpns();
        },
        deactivate: function () {
            wss.unbindHandlers({ p4vpnTopoVpnsResponse: null });
            clear();
        },
        buttons: {
            next: { gid: 'm_next', tt: 'Highlight the next VPN', cb: function () { requestVpns(); showNext(); } },
            clear: { gid: 'm_xMark', tt: 'Clear the VPN highlight', cb: clear }
        },
        keyBindings: {
            V: { cb: function () { requestVpns(); showNext(); }, tt: 'Highlight the next VPN', gid: 'm_next' },
            _keyOrder: ['V']
        },
        hooks: {
            escape: function () { clear(); return true; }
        }
    };

    angular.module('ovP4vpnTopo', [])
        .run(['$log', 'TopoOverlayService', 'WebSocketService', 'FlashService',
            function (_$log_, _tov_, _wss_, _flash_) {
                $log = _$log_;
                tov = _tov_;
                wss = _wss_;
                flash = _flash_;
                tov.register(overlay);
                $log.debug('p4vpn topology overlay registered');
            }]);
}());
