/// The report's style sheet: system fonts only (no web fonts), a light page that prints,
/// maps and charts scaled to the page width, and the CSS-only toggles (checkboxes read with
/// `:has`, so they work with scripts disabled).
enum HTMLStyle {
  static let css: StaticString = """
    :root{--ink:#1d1d1f;--muted:#5f6368;--rule:#d9d9de;--panel:#f6f6f8}
    *{box-sizing:border-box}
    body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","Droid Sans Fallback",sans-serif;color:var(--ink);background:#fff}
    header{padding:14px 24px 8px;border-bottom:1px solid var(--rule)}
    h1{font-size:22px;margin:0 0 2px}
    h2{font-size:18px;margin:26px 0 8px;padding-top:8px;border-top:2px solid var(--ink)}
    h3{font-size:15px;margin:18px 0 6px}
    .subtitle{margin:0;color:var(--muted)}
    nav a{margin-right:14px}
    .toggles{margin-top:6px;color:var(--muted)}
    .toggles label{margin-right:10px}
    main{padding:0 24px 24px;max-width:1500px}
    footer{padding:10px 24px;color:var(--muted);font-size:12px;border-top:1px solid var(--rule)}
    figure{margin:10px 0 16px}
    figcaption{color:var(--muted);font-size:12.5px;margin-top:4px;max-width:1100px}
    .figures{display:flex;flex-wrap:wrap;gap:6px 22px;margin:6px 0 12px}
    .figures div{min-width:120px}
    .figures dt{color:var(--muted);font-size:12px}
    .figures dd{margin:0;font-size:17px;font-variant-numeric:tabular-nums}
    .figures small{font-size:12px;color:var(--muted)}
    .note{color:var(--muted);font-size:12.5px;max-width:1100px}
    .tablewrap{overflow-x:auto;margin:8px 0 16px}
    table{border-collapse:collapse;font-size:13px}
    caption{text-align:left;font-weight:600;padding:4px 0}
    th,td{padding:3px 10px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
    th{background:var(--panel);font-weight:600}
    .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:4px 24px}
    .small3{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:4px 16px}
    svg{display:block;width:100%;height:auto;font-size:11px;font-family:inherit}
    svg.map{border:1px solid var(--rule);background:#fff;cursor:grab;max-height:92vh}
    svg.chart{max-width:760px}
    svg.heat{max-width:1100px}
    .sea{fill:#fbfbf8}
    .br,.lg{fill:none;stroke-linecap:round;vector-effect:non-scaling-stroke}
    .oos{fill:none;stroke:#b0b0b0;stroke-width:1px;stroke-dasharray:3 3;vector-effect:non-scaling-stroke}
    .arrowhead{fill:#222}
    .hvdchead{fill:#5D3A9B}
    .dc{fill:none;stroke:#5D3A9B;stroke-width:2.6px;stroke-dasharray:9 5;vector-effect:non-scaling-stroke}
    .dc.off{stroke:#aaa}
    .halos path,.halo{fill:none;stroke-width:10px;stroke-opacity:.26;stroke-linecap:round;stroke-linejoin:round;vector-effect:non-scaling-stroke}
    .halos .corridor path{stroke-width:15px;stroke-opacity:.28}
    .buses circle{fill:#fff;stroke:#333;stroke-width:1px;vector-effect:non-scaling-stroke}
    .buses.dense circle{fill:#777;stroke:none}
    .buslabels text{font-size:9.5px;fill:#333;paint-order:stroke;stroke:#fff;stroke-width:2.5px;stroke-linejoin:round}
    .grouplabel{font-size:10.5px;font-weight:600;fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
    .grouplabel .sub,.dclabel .sub{font-weight:400;fill:#444}
    .dclabel{font-size:10.5px;fill:#222}
    .dclabel .name{font-weight:600}
    .mark{fill:none;vector-effect:non-scaling-stroke}
    .mark.over{stroke:#A50026;stroke-width:2.2px}
    .mark.n1{stroke:#222;stroke-width:1.6px;stroke-dasharray:2 2}
    .marklabel{font-size:9.5px;font-weight:600;fill:#7a0019;paint-order:stroke;stroke:#fff;stroke-width:3px}
    .legendbg{fill:#fff;stroke:var(--rule)}
    .legend text{font-size:11px;fill:#333}
    .lt{font-weight:600}
    .scalebar path{fill:none;stroke:#222;stroke-width:1.5px}
    .scalebar text{font-size:10px;fill:#222}
    .grid path{stroke:#e3e3e6;stroke-width:1}
    .grid text,.xl{fill:#555;font-size:10.5px}
    .axistitle{fill:#333;font-size:11px}
    .curve{fill:none;stroke:#0072B2;stroke-width:2}
    .rating{stroke:#A50026;stroke-width:1.4;stroke-dasharray:6 4}
    .ratinglabel{fill:#A50026;font-size:10.5px}
    .sent{fill:#0072B2}.delivered{fill:#0072B2}.losses{fill:#E69F00}.curtailed{fill:#CC79A7}
    .key{font-size:11px;fill:#333}
    .heatlegend text{font-size:10.5px;fill:#333}
    #tip{position:fixed;pointer-events:none;background:#fff;border:1px solid #888;border-radius:4px;padding:5px 8px;font-size:12px;box-shadow:0 2px 6px rgba(0,0,0,.2);max-width:360px;z-index:10}
    #tip b{display:block}
    body:has(#show-rings:not(:checked)) .halos .ring,body:has(#show-rings:not(:checked)) .grouplabel.ring{display:none}
    body:has(#show-corridors:not(:checked)) .halos .corridor,body:has(#show-corridors:not(:checked)) .grouplabel.corridor{display:none}
    body:has(#show-labels:not(:checked)) .buslabels{display:none}
    body:has(#show-marks:not(:checked)) .marks{display:none}
    @media print{header nav,.toggles,#tip{display:none}main{max-width:none;padding:0}section{break-inside:auto}figure,table,svg{break-inside:avoid}svg.map{max-height:none;border:0}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}

    """
}
