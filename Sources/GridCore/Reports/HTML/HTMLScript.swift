/// The report's one script: tooltips built from the elements' `data-*` attributes (one
/// listener for the page, so a 70,000-bus map costs nothing per element), wheel zoom, drag
/// and double-click reset of the maps (their `viewBox`), the hour under the pointer on heat
/// maps, and `report.html#only-ID`: the figure holding element ID alone on the page (for
/// slides and screenshots). Without it the page loses only these; it marks
/// `<html data-script="ok">` when it has run to the end, which the browser check asserts.
enum HTMLScript {
  static let source: StaticString = """
    (function(){"use strict";
    var tip=document.getElementById("tip");
    var L=[["from","from bus"],["to","to bus"],["p","flow at the from end, MW"],["r","rating, MW"],["l","loading, %"],
    ["w","worst N-1 loading, %"],["wp","flow then, MW"],["o","after the loss of"],["wt","at"],["mx","highest loading, %"],
    ["p95","95th percentile, %"],["mean","mean loading, %"],["h100","hours above rating"],["mf","largest |flow|, MW"],
    ["a","angle, °"],["j","injection, MW"],["s","sent, MW"],["d","delivered, MW"],["x","loss, MW"],["se","sent, MWh"],["de","delivered, MWh"],["xe","loss, MWh"],
    ["ih","insecure hours"],["v","value"]];
    function num(v){var x=Number(v);return isFinite(x)&&v!==""?x.toLocaleString("en-US",{minimumFractionDigits:1,maximumFractionDigits:1}):v;}
    function esc(s){return String(s).replace(/[&<>"']/g,function(c){return "&#"+c.charCodeAt(0)+";";});}
    function head(e){var d=e.dataset,n=d.n?" "+d.n:"";
    if(d.k==="br")return "branch "+d.i+n;if(d.k==="bus")return "bus "+d.b+n;if(d.k==="dc")return "HVDC"+n;
    if(d.k==="bar")return d.month+" · "+d.s;return "";}
    function show(html,ev){tip.innerHTML=html;tip.hidden=false;
    var x=ev.clientX+14,y=ev.clientY+14,r=tip.getBoundingClientRect();
    if(x+r.width>innerWidth)x=ev.clientX-r.width-10;if(y+r.height>innerHeight)y=ev.clientY-r.height-10;
    tip.style.left=x+"px";tip.style.top=y+"px";}
    function hide(){tip.hidden=true;}
    function heat(svg,ev){var m=svg.getScreenCTM();if(!m)return hide();var p=svg.createSVGPoint();p.x=ev.clientX;p.y=ev.clientY;
    p=p.matrixTransform(m.inverse());var d=svg.dataset;
    var day=Math.floor((p.x-d.left)/d.cw),hour=Math.floor((p.y-d.top)/d.ch);
    if(!svg._v)svg._v=d.values.split(",");
    var t0=Date.parse(d.start+":00Z"),h0=new Date(t0).getUTCHours();var i=day*24+hour-h0;
    if(hour<0||hour>23||day<0||i<0||i>=svg._v.length)return hide();
    var t=new Date(t0+i*3600e3).toISOString().slice(0,16).replace("T"," ");
    show("<b>"+esc(t)+"</b>"+esc(num(svg._v[i]))+" "+esc(d.unit),ev);}
    document.addEventListener("mousemove",function(ev){var e=ev.target;
    if(e.closest){var h=e.closest("svg.heat");if(h)return heat(h,ev);}
    if(!e.dataset||!e.dataset.k)return hide();
    var html="<b>"+esc(head(e))+"</b>",d=e.dataset;
    for(var i=0;i<L.length;i++){var v=d[L[i][0]];if(v!==undefined&&v!=="")html+=esc(L[i][1])+": "+esc(num(v))+"<br>";}
    show(html,ev);});
    document.querySelectorAll(".branches title").forEach(function(t){t.remove();});
    document.querySelectorAll("svg.map").forEach(function(svg){
    var v0=svg.getAttribute("viewBox").split(" ").map(Number),v=v0.slice(),drag=null;
    function set(){svg.setAttribute("viewBox",v.join(" "));}
    function at(ev){var r=svg.getBoundingClientRect();return [v[0]+(ev.clientX-r.left)/r.width*v[2],v[1]+(ev.clientY-r.top)/r.height*v[3]];}
    svg.addEventListener("wheel",function(ev){ev.preventDefault();var p=at(ev),f=ev.deltaY<0?0.8:1.25;
    f=Math.min(Math.max(f,v0[2]/50/v[2]),v0[2]/v[2]);
    v=[p[0]-(p[0]-v[0])*f,p[1]-(p[1]-v[1])*f,v[2]*f,v[3]*f];set();},{passive:false});
    svg.addEventListener("mousedown",function(ev){drag=[ev.clientX,ev.clientY,v[0],v[1]];svg.style.cursor="grabbing";});
    addEventListener("mouseup",function(){drag=null;svg.style.cursor="";});
    svg.addEventListener("mousemove",function(ev){if(!drag)return;var r=svg.getBoundingClientRect();
    v[0]=drag[2]-(ev.clientX-drag[0])/r.width*v[2];v[1]=drag[3]-(ev.clientY-drag[1])/r.height*v[3];set();});
    svg.addEventListener("dblclick",function(){v=v0.slice();set();});});
    var only=/^#only-(.+)$/.exec(location.hash),el=only&&document.getElementById(decodeURIComponent(only[1]));
    if(el){var fig=el.closest("figure")||el,box=el.closest(".corridorblock,section"),h=box&&box.querySelector("h3,h2"),main=document.querySelector("main");
    main.replaceChildren();if(h)main.appendChild(h);main.appendChild(fig);
    document.querySelector("header").hidden=true;document.querySelector("footer").hidden=true;}
    document.documentElement.setAttribute("data-script","ok");
    })();

    """
}
