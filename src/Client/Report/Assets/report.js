// RiskGrid report: builds the interactive charts from the run's data (the JSON in #riskgrid-data) with the
// inlined plotly.js. Nothing here reaches the network. window.riskgridReport exposes the state for the browser test.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('riskgrid-data').textContent);
  var config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['select2d', 'lasso2d'] };
  var zoneColours = { green: 'rgba(26,127,55,0.16)', yellow: 'rgba(212,167,44,0.22)', red: 'rgba(207,34,46,0.16)' };
  var font = { family: 'sans-serif', size: 12 };
  // One colour per level, the same in every chart.
  var levelColours = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#9d755d'];
  function levelColour(k) { return levelColours[k % levelColours.length]; }

  function level(alpha) { return (Math.round(alpha * 10000) / 100) + '%'; }

  function byId(id) { return document.getElementById(id); }

  function fill(select, values, label) {
    values.forEach(function (v, i) {
      var option = document.createElement('option');
      option.value = String(i);
      option.textContent = label ? label(v) : v;
      select.appendChild(option);
    });
  }

  // Exceptions per model and level (pooled over instruments) against the expected count and its binomial band.
  function exceptionsChart() {
    var traces = [];
    data.levels.forEach(function (alpha, k) {
      var rows = data.exceptions.filter(function (r) { return r.level === k; });
      traces.push({
        type: 'bar', name: 'exceptions at ' + level(alpha), x: rows.map(function (r) { return r.model; }),
        y: rows.map(function (r) { return r.exceptions; }), offsetgroup: String(k), marker: { color: levelColour(k) },
        hovertemplate: '%{x} at ' + level(alpha) + ': %{y} exceptions<extra></extra>'
      });
      traces.push({
        type: 'scatter', mode: 'markers', name: 'expected at ' + level(alpha) + ', 95% binomial band',
        x: rows.map(function (r) { return r.model; }), y: rows.map(function (r) { return r.expected; }), offsetgroup: String(k),
        marker: { symbol: 'diamond', size: 9, color: 'black' },
        error_y: {
          type: 'data', symmetric: false, color: 'black', thickness: 1.5, width: 5,
          array: rows.map(function (r) { return r.upper - r.expected; }),
          arrayminus: rows.map(function (r) { return r.expected - r.lower; })
        },
        customdata: rows.map(function (r) { return [r.lower, r.upper, r.observations]; }),
        hovertemplate: '%{x} at ' + level(alpha) + ': expected %{y:.1f} of %{customdata[2]} days, band %{customdata[0]}–%{customdata[1]}<extra></extra>'
      });
    });
    Plotly.newPlot('exceptions-chart', traces, {
      font: font, barmode: 'group', scattermode: 'group', margin: { t: 30 },
      xaxis: { title: { text: 'model' } }, yaxis: { title: { text: 'exceptions (pooled over instruments)' }, rangemode: 'tozero' },
      legend: { orientation: 'h', y: -0.25 }
    }, config);
  }

  // The model comparison: mean rank by quantile (tick) loss per model and level (1 = best), tick and FZ0 losses and DM counts in the hover.
  function lossChart() {
    if (!data.ranking.length) { return; }
    var traces = data.levels.map(function (alpha, k) {
      var rows = data.ranking.filter(function (r) { return r.level === k; });
      return {
        type: 'bar', name: level(alpha), x: rows.map(function (r) { return r.model; }), y: rows.map(function (r) { return r.rank; }),
        marker: { color: levelColour(k) },
        customdata: rows.map(function (r) { return [r.loss, r.best, r.worse, r.instruments, r.fz0Loss, r.fz0Rank, r.fz0Worse, r.mcs10, r.mcs25, r.fz0Mcs10, r.fz0Mcs25]; }),
        hovertemplate: '%{x} at ' + level(alpha) + ': mean rank %{y:.2f}, tick loss %{customdata[0]:.4f}, best on %{customdata[1]}/%{customdata[3]}, ' +
          'worse than best (DM 5%) on %{customdata[2]}/%{customdata[3]}, in the MCS at 10%/25% on %{customdata[7]}/%{customdata[8]}; ' +
          'FZ0 loss %{customdata[4]:.4f}, FZ0 mean rank %{customdata[5]:.2f}, worse than best by FZ0 (DM 5%) on %{customdata[6]}, ' +
          'in the FZ0 MCS at 10%/25% on %{customdata[9]}/%{customdata[10]}<extra></extra>'
      };
    });
    Plotly.newPlot('loss-chart', traces, {
      font: font, barmode: 'group', margin: { t: 30 },
      xaxis: { title: { text: 'model' } }, yaxis: { title: { text: 'mean rank by tick loss over instruments (1 = best)' }, rangemode: 'tozero' },
      legend: { orientation: 'h', y: -0.25 }
    }, config);
  }

  var state = { instrument: 0, model: 0, level: data.levels.length - 1 };

  function series() {
    var instrument = data.instruments[state.instrument];
    var modelName = data.models[state.model];
    return { instrument: instrument, model: modelName, pair: instrument.models[modelName], level: state.level };
  }

  // Returns with one model's −VaR and −ES at one level; exceptions as red crosses; hover: date, return, VaR, ES.
  function returnsTraces(s) {
    var k = s.level;
    var dates = s.instrument.dates;
    var returns = s.instrument.returns;
    var traces = [{
      type: 'scatter', mode: 'lines', name: 'return', x: dates, y: returns, line: { color: 'rgba(110,110,110,0.75)', width: 1 },
      customdata: s.pair ? dates.map(function (_, i) { return [s.pair.var[k][i], s.pair.es[k][i]]; }) : undefined,
      hovertemplate: s.pair ? '%{x|%Y-%m-%d}<br>return %{y:.3f}%<br>VaR %{customdata[0]:.3f}%<br>ES %{customdata[1]:.3f}%<extra></extra>'
        : '%{x|%Y-%m-%d}<br>return %{y:.3f}%<extra></extra>'
    }];
    if (!s.pair) { return traces; }
    var negate = function (v) { return v === null ? null : -v; };
    traces.push({
      type: 'scatter', mode: 'lines', name: '−VaR ' + level(data.levels[k]) + ' (' + s.model + ')', x: dates,
      y: s.pair.var[k].map(negate), line: { color: '#1f77b4', width: 1.5 }, hoverinfo: 'skip'
    });
    traces.push({
      type: 'scatter', mode: 'lines', name: '−ES ' + level(data.levels[k]) + ' (' + s.model + ')', x: dates,
      y: s.pair.es[k].map(negate), line: { color: '#9467bd', width: 1.2, dash: 'dot' }, hoverinfo: 'skip'
    });
    var hits = s.pair.exceptions[k];
    traces.push({
      type: 'scatter', mode: 'markers', name: 'exceptions (' + hits.length + ')',
      x: hits.map(function (i) { return dates[i]; }), y: hits.map(function (i) { return returns[i]; }),
      customdata: hits.map(function (i) { return [s.pair.var[k][i], s.pair.es[k][i]]; }),
      marker: { symbol: 'x', size: 10, color: '#d62728', line: { width: 1, color: '#7a0000' } },
      hovertemplate: 'exception %{x|%Y-%m-%d}<br>return %{y:.3f}%<br>VaR %{customdata[0]:.3f}%<br>ES %{customdata[1]:.3f}%<extra></extra>'
    });
    return traces;
  }

  // The trailing 250-day exception count (fewer days at the start) of one model against the Basel zones.
  function trailing(s) {
    var k = s.level;
    var dates = [];
    var counts = [];
    var days = [];
    if (!s.pair) { return { dates: dates, counts: counts, days: days }; }
    var hit = new Array(s.instrument.dates.length).fill(0);
    s.pair.exceptions[k].forEach(function (i) { hit[i] = 1; });
    var observed = [];
    s.instrument.dates.forEach(function (d, i) { if (s.pair.var[k][i] !== null) { observed.push(i); } });
    var inWindow = 0;
    observed.forEach(function (i, j) {
      inWindow += hit[i];
      if (j >= data.baselDays) { inWindow -= hit[observed[j - data.baselDays]]; }
      dates.push(s.instrument.dates[i]);
      counts.push(inWindow);
      days.push(Math.min(j + 1, data.baselDays));
    });
    return { dates: dates, counts: counts, days: days };
  }

  function trafficTraces(s) {
    var t = trailing(s);
    var bands = data.bands[s.level];
    var yellow = t.days.map(function (n) { return bands.yellowFrom[n - 1] - 0.5; });
    var red = t.days.map(function (n) { return bands.redFrom[n - 1] - 0.5; });
    var top = Math.max(2, Math.max.apply(null, t.counts.concat(red)) + 2);
    var band = function (name, lower, upper, colour) {
      return [
        { type: 'scatter', mode: 'lines', x: t.dates, y: lower, line: { width: 0 }, hoverinfo: 'skip', showlegend: false },
        { type: 'scatter', mode: 'lines', name: name, x: t.dates, y: upper, fill: 'tonexty', fillcolor: colour, line: { width: 0 }, hoverinfo: 'skip' }
      ];
    };
    return band('green zone', t.dates.map(function () { return 0; }), yellow, zoneColours.green)
      .concat(band('yellow zone', yellow, red, zoneColours.yellow))
      .concat(band('red zone', red, t.dates.map(function () { return top; }), zoneColours.red))
      .concat([{
        type: 'scatter', mode: 'lines', name: s.model + ': exceptions in the trailing ' + data.baselDays + ' days', x: t.dates, y: t.counts,
        line: { color: '#1f2937', width: 2, shape: 'hv' }, customdata: t.days,
        hovertemplate: '%{x|%Y-%m-%d}: %{y} exceptions in the last %{customdata} days<extra></extra>'
      }]);
  }

  function instrumentCharts() {
    var s = series();
    var title = s.instrument.name + ', ' + s.model + ' at ' + level(data.levels[state.level]);
    Plotly.react('returns-chart', returnsTraces(s), {
      font: font, title: { text: title + ': daily return, −VaR, −ES and exceptions' }, hovermode: 'closest', margin: { t: 50 },
      xaxis: { title: { text: 'date (day forecast)' }, type: 'date', rangeslider: { visible: false } },
      yaxis: { title: { text: 'daily return, % (VaR and ES as −loss)' } }, legend: { orientation: 'h', y: -0.2 }
    }, config);
    Plotly.react('traffic-chart', trafficTraces(s), {
      font: font, title: { text: title + ': Basel traffic light' }, hovermode: 'closest', margin: { t: 50 },
      xaxis: { title: { text: 'date (day forecast)' }, type: 'date' },
      yaxis: { title: { text: 'exceptions in the trailing ' + data.baselDays + ' days' }, rangemode: 'tozero' },
      legend: { orientation: 'h', y: -0.2 }
    }, config);
    var zone = s.pair ? s.pair.zones[state.level] : null;
    byId('pair-summary').textContent = s.pair
      ? s.pair.exceptions[state.level].length + ' exceptions in ' + s.pair.observations[state.level] + ' forecasts; zone over the last ' +
        data.baselDays + ' days: ' + zone
      : s.model + ' has no forecasts for ' + s.instrument.name;
  }

  function bind(id, key, values, label, target, draw) {
    var select = byId(id);
    target = target || state;
    fill(select, values, label);
    select.value = String(target[key]);
    select.addEventListener('change', function () { target[key] = Number(select.value); (draw || instrumentCharts)(); });
  }

  // The portfolio's routes (--weights): one route at a time, like an instrument's models, and its traffic light.
  var portfolioState = { route: 0, level: data.levels.length - 1 };

  function portfolioSeries() {
    var p = data.portfolio;
    var route = p.routes[portfolioState.route];
    return { instrument: p.series, model: route, pair: p.series.models[route], level: portfolioState.level };
  }

  function portfolioCharts() {
    var s = portfolioSeries();
    var title = 'portfolio, route ' + s.model + ' at ' + level(data.levels[s.level]);
    Plotly.react('portfolio-chart', returnsTraces(s), {
      font: font, title: { text: title + ': daily portfolio return, −VaR, −ES and exceptions' }, hovermode: 'closest', margin: { t: 50 },
      xaxis: { title: { text: 'date (day forecast)' }, type: 'date' },
      yaxis: { title: { text: 'daily portfolio return, % (VaR and ES as −loss)' } }, legend: { orientation: 'h', y: -0.2 }
    }, config);
    Plotly.react('portfolio-traffic-chart', trafficTraces(s), {
      font: font, title: { text: title + ': Basel traffic light' }, hovermode: 'closest', margin: { t: 50 },
      xaxis: { title: { text: 'date (day forecast)' }, type: 'date' },
      yaxis: { title: { text: 'exceptions in the trailing ' + data.baselDays + ' days' }, rangemode: 'tozero' },
      legend: { orientation: 'h', y: -0.2 }
    }, config);
    byId('portfolio-summary').textContent = s.pair.exceptions[s.level].length + ' exceptions in ' + s.pair.observations[s.level] +
      ' forecasts; zone over the last ' + data.baselDays + ' days: ' + s.pair.zones[s.level];
  }

  bind('pick-instrument', 'instrument', data.instruments.map(function (i) { return i.name; }));
  bind('pick-model', 'model', data.models);
  bind('pick-level', 'level', data.levels, level);
  exceptionsChart();
  lossChart();
  instrumentCharts();
  if (data.portfolio) {
    bind('pick-route', 'route', data.portfolio.routes, null, portfolioState, portfolioCharts);
    bind('pick-portfolio-level', 'level', data.levels, level, portfolioState, portfolioCharts);
    portfolioCharts();
  }
  window.riskgridReport = {
    data: data, state: state, trailing: function () { return trailing(series()); },
    portfolioState: portfolioState, portfolioTrailing: function () { return data.portfolio ? trailing(portfolioSeries()) : null; }
  };
})();
