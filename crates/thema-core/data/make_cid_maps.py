# Writes the compact CID-to-Unicode maps of data/ (see NOTICE-adobe-cmaps.txt)
# from Adobe's Adobe-*-UCS2 CMaps.
import re, sys, gzip, io
def parse(path):
    data=open(path,'rb').read().decode('latin-1')
    m={}
    for block in re.findall(r'beginbfrange(.*?)endbfrange', data, re.S):
        for lo,hi,dst in re.findall(r'<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>', block):
            lo,hi=int(lo,16),int(hi,16)
            units=[int(dst[i:i+4],16) for i in range(0,len(dst),4)]
            for k in range(hi-lo+1):
                u=units[:-1]+[units[-1]+k]
                m[lo+k]=u
    for block in re.findall(r'beginbfchar(.*?)endbfchar', data, re.S):
        for c,dst in re.findall(r'<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>', block):
            m[int(c,16)]=[int(dst[i:i+4],16) for i in range(0,len(dst),4)]
    return m
def encode(m, header):
    out=io.StringIO()
    out.write(header)
    prev_cid=-1; prev=None
    for cid in sorted(m):
        u=m[cid]
        if prev is not None and cid==prev_cid+1 and len(u)==1 and len(prev)==1 and u[0]==prev[0]+1:
            out.write('\n')
        else:
            out.write('%x %s\n' % (cid-prev_cid-1, ''.join('%04x'%x for x in u)))
        prev_cid=cid; prev=u
    return out.getvalue()
# Usage: python3 make_cid_maps.py /usr/share/poppler/cMap/Adobe-Japan1/Adobe-Japan1-UCS2 Adobe-Japan1.gz
src=sys.argv[1]; dst=sys.argv[2]
m=parse(src)
txt=encode(m, '')
open(dst,'wb').write(gzip.compress(txt.encode(), 9, mtime=0))
print(dst, len(m), len(txt), len(open(dst,'rb').read()))
