"""The service's one page: choose or drop files, watch the upload, read the review.

The review itself is the page of ``--format html``, shown in a sandboxed frame
(``srcdoc``, scripts allowed, no origin): text from a report can reach neither this
page nor the server. Inline CSS and JS only, allowed by hash; nothing is fetched from
anywhere but this server, so the page works on an office network without internet.
"""

from __future__ import annotations

from html import escape

CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:.6rem 1.2rem}
header h1{font-size:1.2rem;margin:0}
main{max-width:1400px;margin:0 auto;padding:1rem 1.2rem}
form{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1rem}
#drop{display:block;border:2px dashed #8c959f;border-radius:8px;padding:1.2rem;text-align:center;cursor:pointer}
#drop.over{border-color:#0969da;background:#ddf4ff}
#drop strong{font-size:1.05rem}
.row{margin-top:.7rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
button,.button{font:inherit;padding:.35rem .9rem;border-radius:6px;border:1px solid #1f883d;background:#1f883d;color:#fff;
cursor:pointer;text-decoration:none}
button:disabled{opacity:.5;cursor:default}
button.secondary{background:#fff;color:#1f2328;border-color:#d0d7de}
#chosen{color:#57606a}
#status{margin:.7rem 0}
#status.error{color:#cf222e;font-weight:600}
progress{width:18rem;vertical-align:middle}
#result[hidden]{display:none}
#actions{display:flex;gap:.6rem;flex-wrap:wrap;margin:.5rem 0}
iframe{width:100%;height:calc(100vh - 9rem);min-height:30rem;border:1px solid #d0d7de;border-radius:8px;background:#fff}
.muted{color:#57606a;font-size:.9rem}
.offscreen{position:absolute;width:1px;height:1px;opacity:0;overflow:hidden}
"""

JS = r"""
(function(){
"use strict";
var $=function(id){return document.getElementById(id);};
var files=[], result=null;
var token=new URLSearchParams(location.search).get("token")||"";
function say(text,error){var s=$("status");s.textContent=text;s.className=error?"error":"";}
function show(){
  $("chosen").textContent=files.length?files.map(function(f){return f.name;}).join("、"):"未选择文件";
  $("go").disabled=!files.length;
}
function pick(list){files=Array.prototype.slice.call(list||[]);show();}
$("file").addEventListener("change",function(){pick(this.files);});
var drop=$("drop");
["dragenter","dragover"].forEach(function(e){drop.addEventListener(e,function(ev){ev.preventDefault();drop.classList.add("over");});});
["dragleave","drop"].forEach(function(e){drop.addEventListener(e,function(ev){ev.preventDefault();drop.classList.remove("over");});});
drop.addEventListener("drop",function(ev){pick(ev.dataTransfer.files);});
function post(url,form,type,done,progress){
  var x=new XMLHttpRequest();x.open("POST",url);x.responseType=type;
  if(token)x.setRequestHeader("X-Token",token);
  if(progress){x.upload.onprogress=progress;x.upload.onload=function(){say("已上传，正在检查……");$("bar").removeAttribute("value");};}
  x.onload=function(){
    if(x.status===200){done(x.response);return;}
    var r=x.response;
    function fail(m){say(m||("检查失败（HTTP "+x.status+"）"),true);$("bar").hidden=true;$("go").disabled=false;}
    if(type==="json"){fail(r&&r.error);return;}
    if(r&&r.text){r.text().then(function(t){try{fail(JSON.parse(t).error);}catch(e){fail();}});}else{fail();}
  };
  x.onerror=function(){say("无法连接到审核服务，请检查网络后重试",true);$("go").disabled=false;$("bar").hidden=true;};
  x.send(form);
}
function save(data,name,type){
  var a=document.createElement("a");a.href=URL.createObjectURL(new Blob([data],{type:type}));a.download=name;
  document.body.appendChild(a);a.click();setTimeout(function(){URL.revokeObjectURL(a.href);a.remove();},1000);
}
function stem(name){return name.replace(/\.[^.]*$/,"");}
$("form").addEventListener("submit",function(ev){
  ev.preventDefault();if(!files.length)return;
  var form=new FormData();files.forEach(function(f){form.append("file",f,f.name);});
  var prev=$("previous").files[0];if(prev)form.append("previous",prev,prev.name);
  $("go").disabled=true;$("result").hidden=true;$("bar").hidden=false;$("bar").value=0;say("正在上传……");
  post("api/review",form,"json",function(r){
    result=r;$("bar").hidden=true;$("go").disabled=false;
    var s=r.json.summary;
    say("检查完成：共 "+s.files+" 个文件，"+s.error+" 个错误，"+s.warning+" 个警告，"+s.info+" 个提示。");
    $("frame").srcdoc=r.html;
    $("annotate").hidden=!(files.length===1&&/\.docx$/i.test(files[0].name));
    $("result").hidden=false;
  },function(e){if(e.lengthComputable)$("bar").value=e.loaded/e.total;});
});
$("json").addEventListener("click",function(){
  save(JSON.stringify(result.json,null,2)+"\n",files.length===1?stem(files[0].name)+".审核.json":"审核结果.json","application/json");
});
$("markdown").addEventListener("click",function(){
  save(result.markdown,files.length===1?stem(files[0].name)+".审核意见.md":"审核意见.md","text/markdown");
});
$("annotate").addEventListener("click",function(){
  var b=this;b.disabled=true;say("正在生成带批注的 Word 文档……");
  var form=new FormData();form.append("file",files[0],files[0].name);
  post("api/annotate",form,"blob",function(blob){
    b.disabled=false;say("已生成带批注的 Word 文档。");
    save(blob,stem(files[0].name)+".审核.docx","application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });
});
show();
})();
"""


def headers() -> dict[str, str]:
    """The page may run its own script and the review page's, and talk only to this server."""
    from ..formatters import html_assets

    h = html_assets.csp_hash
    policy = (f"default-src 'none'; style-src {h(CSS)} {h(html_assets.CSS)}; "
              f"script-src {h(JS)} {h(html_assets.JS)}; connect-src 'self'; img-src data:; "
              "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store"}


def _frame(body: str) -> str:
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
            f"<title>年报在线审核 · govinfo-lint</title><style>{CSS}</style></head><body>"
            "<header><h1>政府信息公开工作年度报告 在线审核</h1></header>"
            f"<main>{body}</main></body></html>")


def index(max_bytes: int, max_files: int, supported: tuple[str, ...]) -> str:
    kinds = escape(" ".join(supported))
    return _frame(
        '<form id="form">'
        '<label id="drop" for="file"><strong>把年报文件拖到这里，或点击选择文件</strong><br>'
        f'<span class="muted">支持 {kinds}；一次最多 {max_files} 个，每个不超过 {max_bytes // 1024 // 1024} MiB。'
        '文件只在检查期间保存在服务器的临时目录中，检查完即删除。</span></label>'
        f'<input type="file" id="file" name="file" multiple class="offscreen" accept="{kinds.replace(" ", ",")}">'
        '<div class="row"><span id="chosen"></span></div>'
        '<div class="row"><label>上一年度的年报（可选，用于跨年度核对）：'
        f'<input type="file" id="previous" name="previous" accept="{kinds.replace(" ", ",")}"></label></div>'
        '<div class="row"><button type="submit" id="go" disabled>开始检查</button>'
        '<progress id="bar" max="1" value="0" hidden></progress></div>'
        '</form>'
        '<p id="status" role="status" aria-live="polite"></p>'
        '<section id="result" hidden><div id="actions">'
        '<button type="button" id="annotate" hidden>下载带批注的 Word 文档</button>'
        '<button type="button" class="secondary" id="markdown">下载审核意见（Markdown）</button>'
        '<button type="button" class="secondary" id="json">下载 JSON</button></div>'
        '<iframe id="frame" title="检查结果" sandbox="allow-scripts"></iframe></section>'
        f"<script>{JS}</script>")


def locked() -> str:
    return _frame('<p id="status" class="error">需要访问令牌：请使用管理员提供的完整网址（含 ?token=…）打开本页。</p>')
