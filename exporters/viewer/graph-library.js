// The graph library report.html embeds: graphology (the graph model) and sigma.js 3 (WebGL
// rendering, what Gephi Lite uses), bundled by esbuild into one script that sets two globals.
import Graph from 'graphology';
import Sigma from 'sigma';

window.graphology = { Graph };
window.Sigma = Sigma;
