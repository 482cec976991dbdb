// The "Parity" tab of a winnode Allure report. The matrix itself is parity-matrix.html, a static
// page that ./winnode report writes next to index.html; the tab frames it, so the page stays one
// rendering that also opens on its own (and from a CI artifact browser that runs no report JS).
(function () {
    'use strict';

    allure.api.addTranslation('en', {tab: {parity: {name: 'Parity'}}});

    var ParityView = Backbone.Marionette.View.extend({
        className: 'winnode-parity',
        template: function () {
            return '<iframe class="winnode-parity__frame" src="parity-matrix.html"'
                + ' title="Windows vs Linux parity matrix"></iframe>';
        }
    });

    var ParityLayout = allure.components.AppLayout.extend({
        getContentView: function () {
            return new ParityView();
        }
    });

    allure.api.addTab('parity', {
        title: 'tab.parity.name',
        icon: 'fa fa-columns',
        route: 'parity',
        onEnter: function () {
            return new ParityLayout();
        }
    });
})();
