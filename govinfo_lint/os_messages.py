"""Operating-system errors in the users' language: ``[Errno 13] Permission denied`` means
nothing to a clerk, and the file it names may be a hidden temporary one."""

from __future__ import annotations

import errno

_ZH = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "操作不被允许",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读文件系统",
    errno.EEXIST: "文件已存在",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EMFILE: "打开的文件过多",
    errno.EBUSY: "文件正被占用",
    errno.EXDEV: "不能跨文件系统移动",
    errno.ELOOP: "符号链接循环",
    errno.EIO: "输入输出错误",
}
if hasattr(errno, "EDQUOT"):
    _ZH[errno.EDQUOT] = "超出磁盘配额"


def describe(exc: BaseException) -> str:
    """``没有权限 (Permission denied)``: the reason, Chinese first, without the errno or a path."""
    if isinstance(exc, OSError):
        en = exc.strerror or type(exc).__name__
        zh = _ZH.get(exc.errno or -1)
        return f"{zh} ({en})" if zh else en
    return str(exc)
