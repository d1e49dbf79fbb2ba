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
# Writing an output: the folders on its path are created first, so EEXIST and ENOTDIR both
# mean that one of them is a file.
_WRITING = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "所在文件系统只读",
    errno.EISDIR: "该路径是一个文件夹",
    errno.ENOTDIR: "上级路径中有一项不是文件夹",
    errno.EEXIST: "上级路径中有一项不是文件夹",
    errno.ENAMETOOLONG: "路径过长",
}
if hasattr(errno, "EDQUOT"):
    _ZH[errno.EDQUOT] = _WRITING[errno.EDQUOT] = "磁盘配额已满"


def reason_zh(exc: OSError, writing: bool = False) -> str | None:
    """The reason in Chinese, without the errno or a path; None for an error not known here."""
    code = exc.errno if exc.errno is not None else -1
    return (_WRITING.get(code) if writing else None) or _ZH.get(code)
